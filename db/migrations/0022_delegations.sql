CREATE TABLE `delegations` (
	`id` text PRIMARY KEY NOT NULL,
	`task` text NOT NULL,
	`unit_id` text,
	`from_user_id` text NOT NULL,
	`to_user_id` text NOT NULL,
	`authority` text NOT NULL,
	`resources` text NOT NULL,
	`knowledge` text NOT NULL,
	`status` text NOT NULL,
	`delegated_at` integer NOT NULL,
	`accepted_at` integer,
	`ended_at` integer,
	`end_reason` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `delegations_task_idx` ON `delegations` (`task`,`unit_id`);