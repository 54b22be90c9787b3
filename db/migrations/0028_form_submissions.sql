CREATE TABLE `form_submissions` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`location` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `form_submissions_at_idx` ON `form_submissions` (`at`);