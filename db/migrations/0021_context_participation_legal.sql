CREATE TABLE `compliance_evaluations` (
	`id` text PRIMARY KEY NOT NULL,
	`legal_requirement_id` text NOT NULL,
	`evaluated_on` text NOT NULL,
	`result` text NOT NULL,
	`note` text NOT NULL,
	`evaluated_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`legal_requirement_id`) REFERENCES `legal_requirements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`evaluated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `compliance_evaluations_law_idx` ON `compliance_evaluations` (`legal_requirement_id`,`evaluated_on`);--> statement-breakpoint
CREATE TABLE `context_items` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`removed_by` text,
	`removed_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `legal_requirements` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`reference` text DEFAULT '' NOT NULL,
	`areas` text NOT NULL,
	`how_it_applies` text NOT NULL,
	`responsible_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`responsible_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `participation_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`held_on` text NOT NULL,
	`unit_id` text,
	`participants` text NOT NULL,
	`raised` text NOT NULL,
	`decisions` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `participation_meetings_held_idx` ON `participation_meetings` (`held_on`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `employees` integer;--> statement-breakpoint
ALTER TABLE `organisations` ADD `climate_relevant` integer;--> statement-breakpoint
ALTER TABLE `organisations` ADD `climate_note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `organisations` ADD `climate_decided_at` integer;--> statement-breakpoint
ALTER TABLE `frameworks` ADD `scope` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `frameworks` ADD `boundaries` text DEFAULT '' NOT NULL;