CREATE TABLE `checklist_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`period` text NOT NULL,
	`subject` text NOT NULL,
	`answers` text NOT NULL,
	`answered_by` text NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `checklist_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_rounds_once_idx` ON `checklist_rounds` (`template_id`,`period`,`subject`);--> statement-breakpoint
CREATE INDEX `checklist_rounds_template_idx` ON `checklist_rounds` (`template_id`);--> statement-breakpoint
CREATE TABLE `checklist_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`frequency` text NOT NULL,
	`unit_id` text,
	`role` text,
	`questions` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
