CREATE TABLE `competence_records` (
	`id` text PRIMARY KEY NOT NULL,
	`competence_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`on_day` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`competence_id`) REFERENCES `competences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `competence_records_person_idx` ON `competence_records` (`user_id`,`competence_id`);--> statement-breakpoint
CREATE TABLE `competences` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`roles` text NOT NULL,
	`document_id` text,
	`valid_months` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
