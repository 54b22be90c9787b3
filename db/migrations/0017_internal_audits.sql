CREATE TABLE `audit_findings` (
	`id` text PRIMARY KEY NOT NULL,
	`audit_id` text NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`requirement` text NOT NULL,
	`evidence` text NOT NULL,
	`responsible_id` text NOT NULL,
	`status` text NOT NULL,
	`root_cause` text,
	`answered_by` text,
	`answered_at` integer,
	`closing_note` text,
	`closed_by` text,
	`closed_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`audit_id`) REFERENCES `audits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_findings_number_idx` ON `audit_findings` (`audit_id`,`number`);--> statement-breakpoint
CREATE TABLE `audit_programmes` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_programmes_year_idx` ON `audit_programmes` (`year`);--> statement-breakpoint
CREATE TABLE `audits` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`programme_id` text NOT NULL,
	`title` text NOT NULL,
	`process_id` text,
	`unit_id` text,
	`clauses` text NOT NULL,
	`areas` text NOT NULL,
	`planned_on` text NOT NULL,
	`lead_auditor_id` text NOT NULL,
	`team` text NOT NULL,
	`criteria` text NOT NULL,
	`method` text NOT NULL,
	`report_document_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `audit_programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`process_id`) REFERENCES `processes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_auditor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`report_document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audits_number_idx` ON `audits` (`number`);--> statement-breakpoint
CREATE INDEX `audits_programme_idx` ON `audits` (`programme_id`);