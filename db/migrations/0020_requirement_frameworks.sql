CREATE TABLE `frameworks` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`builtin` integer NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `frameworks_key_idx` ON `frameworks` (`key`);--> statement-breakpoint
CREATE TABLE `requirements` (
	`id` text PRIMARY KEY NOT NULL,
	`framework_id` text NOT NULL,
	`code` text NOT NULL,
	`title` text,
	`parent_code` text,
	`position` integer NOT NULL,
	`applicable` integer DEFAULT true NOT NULL,
	`justification` text DEFAULT '' NOT NULL,
	`implementation` text,
	FOREIGN KEY (`framework_id`) REFERENCES `frameworks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requirements_code_idx` ON `requirements` (`framework_id`,`code`);--> statement-breakpoint
CREATE INDEX `requirements_framework_idx` ON `requirements` (`framework_id`,`position`);