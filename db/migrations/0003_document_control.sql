CREATE TABLE `acknowledgements` (
	`release_id` text NOT NULL,
	`user_id` text NOT NULL,
	`at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`release_id`, `user_id`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `acknowledgements_user_idx` ON `acknowledgements` (`user_id`);--> statement-breakpoint
CREATE TABLE `reader_groups` (
	`release_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`release_id`, `kind`, `value`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `releases` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`review_id` text NOT NULL,
	`major` integer NOT NULL,
	`minor` integer NOT NULL,
	`effective_on` text NOT NULL,
	`summary` text NOT NULL,
	`title` text NOT NULL,
	`approver_id` text NOT NULL,
	`approved_at` integer NOT NULL,
	`content_json` text NOT NULL,
	`html` text NOT NULL,
	`yjs_state` blob NOT NULL,
	`content_hash` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `releases_version_idx` ON `releases` (`document_id`,`major`,`minor`);--> statement-breakpoint
CREATE TABLE `review_due_notices` (
	`document_id` text NOT NULL,
	`due_on` text NOT NULL,
	`stage` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`document_id`, `due_on`, `stage`),
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reviewers` (
	`review_id` text NOT NULL,
	`user_id` text NOT NULL,
	`verdict` text DEFAULT 'pending' NOT NULL,
	`comment` text,
	`at` integer,
	PRIMARY KEY(`review_id`, `user_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviewers_user_idx` ON `reviewers` (`user_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`approver_id` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`candidate_state` blob NOT NULL,
	`candidate_json` text NOT NULL,
	`candidate_html` text NOT NULL,
	`candidate_hash` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`decision_comment` text,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_document_idx` ON `reviews` (`document_id`,`status`);--> statement-breakpoint
CREATE INDEX `reviews_approver_idx` ON `reviews` (`approver_id`);--> statement-breakpoint
ALTER TABLE `documents` ADD `review_interval_months` integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE `documents` ADD `next_review_on` text;--> statement-breakpoint
ALTER TABLE `documents` ADD `withdrawn_reason` text;