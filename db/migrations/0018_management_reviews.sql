CREATE TABLE `management_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`held_on` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`document_id` text NOT NULL,
	`headings` text NOT NULL,
	`attendees` text NOT NULL,
	`other_attendees` text DEFAULT '' NOT NULL,
	`missing_reason` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `management_reviews_number_idx` ON `management_reviews` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `management_reviews_document_idx` ON `management_reviews` (`document_id`);