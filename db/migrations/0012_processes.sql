CREATE TABLE `processes` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` text,
	`owner_id` text NOT NULL,
	`mandate` text DEFAULT '' NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`inputs` text DEFAULT '' NOT NULL,
	`outputs` text DEFAULT '' NOT NULL,
	`customers` text DEFAULT '' NOT NULL,
	`interfaces` text DEFAULT '' NOT NULL,
	`map_document_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`map_document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `processes_map_document_id_unique` ON `processes` (`map_document_id`);--> statement-breakpoint
CREATE INDEX `processes_parent_idx` ON `processes` (`parent_id`);