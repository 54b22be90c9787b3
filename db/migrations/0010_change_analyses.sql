CREATE TABLE `change_analyses` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`description` text NOT NULL,
	`participants` text NOT NULL,
	`planned_on` text NOT NULL,
	`unit_id` text,
	`owner_id` text NOT NULL,
	`conclusion` text,
	`concluded_by` text,
	`concluded_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`concluded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `change_analyses_number_unique` ON `change_analyses` (`number`);--> statement-breakpoint
CREATE INDEX `change_analyses_unit_idx` ON `change_analyses` (`unit_id`);