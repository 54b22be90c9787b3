CREATE TABLE `sam_compilations` (
	`id` text PRIMARY KEY NOT NULL,
	`follow_up_id` text NOT NULL,
	`level` text NOT NULL,
	`strengths` text NOT NULL,
	`improvements` text NOT NULL,
	`priorities` text NOT NULL,
	`feedback` text NOT NULL,
	`feedback_on` text NOT NULL,
	`compiled_by` text NOT NULL,
	`compiled_at` integer NOT NULL,
	FOREIGN KEY (`follow_up_id`) REFERENCES `sam_follow_ups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`compiled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sam_compilations_level_idx` ON `sam_compilations` (`follow_up_id`,`level`);--> statement-breakpoint
CREATE TABLE `sam_follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`reason` text NOT NULL,
	`background` text DEFAULT '' NOT NULL,
	`method` text NOT NULL,
	`due_on` text NOT NULL,
	`started_by` text NOT NULL,
	`started_at` integer NOT NULL,
	`completed_by` text,
	`completed_at` integer,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sam_follow_ups_year_idx` ON `sam_follow_ups` (`year`);--> statement-breakpoint
CREATE TABLE `sam_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`follow_up_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`answers` text,
	`method` text,
	`manager_id` text,
	`safety_rep_id` text,
	`strengths` text,
	`improvements` text,
	`answered_by` text,
	`answered_at` integer,
	`reminded_at` integer,
	FOREIGN KEY (`follow_up_id`) REFERENCES `sam_follow_ups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`safety_rep_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sam_responses_unit_idx` ON `sam_responses` (`follow_up_id`,`unit_id`);