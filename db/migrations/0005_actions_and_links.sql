CREATE TABLE `action_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`old_due_on` text,
	`new_due_on` text,
	`comment` text,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_events_action_idx` ON `action_events` (`action_id`,`id`);--> statement-breakpoint
CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`owner_id` text NOT NULL,
	`unit_id` text,
	`due_on` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`effect_plan` text NOT NULL,
	`effect_measure` text NOT NULL,
	`effect_check_on` text NOT NULL,
	`effect_result` text,
	`effect_checked_by` text,
	`effect_checked_at` integer,
	`follow_up_of` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`effect_checked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `actions_number_unique` ON `actions` (`number`);--> statement-breakpoint
CREATE INDEX `actions_owner_idx` ON `actions` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `actions_status_idx` ON `actions` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `links` (
	`id` text PRIMARY KEY NOT NULL,
	`from_kind` text NOT NULL,
	`from_id` text NOT NULL,
	`to_kind` text NOT NULL,
	`to_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_pair_idx` ON `links` (`from_kind`,`from_id`,`to_kind`,`to_id`);--> statement-breakpoint
CREATE INDEX `links_to_idx` ON `links` (`to_kind`,`to_id`);