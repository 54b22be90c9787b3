CREATE TABLE `risk_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`inherent_likelihood` integer NOT NULL,
	`inherent_consequence` integer NOT NULL,
	`residual_likelihood` integer NOT NULL,
	`residual_consequence` integer NOT NULL,
	`comment` text,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risk_assessments_risk_idx` ON `risk_assessments` (`risk_id`,`id`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`category` text NOT NULL,
	`cause` text NOT NULL,
	`consequence_text` text NOT NULL,
	`owner_id` text NOT NULL,
	`unit_id` text,
	`treatment` text NOT NULL,
	`next_review_on` text NOT NULL,
	`inherent_likelihood` integer NOT NULL,
	`inherent_consequence` integer NOT NULL,
	`residual_likelihood` integer NOT NULL,
	`residual_consequence` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `risks_number_unique` ON `risks` (`number`);--> statement-breakpoint
CREATE INDEX `risks_unit_idx` ON `risks` (`unit_id`);--> statement-breakpoint
CREATE INDEX `risks_owner_idx` ON `risks` (`owner_id`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `risk_scale` text;