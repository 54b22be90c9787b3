CREATE TABLE `kpi_measurements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kpi_id` text NOT NULL,
	`period` text NOT NULL,
	`value` real NOT NULL,
	`entered_by` text NOT NULL,
	`entered_at` integer NOT NULL,
	FOREIGN KEY (`kpi_id`) REFERENCES `kpis`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kpi_measurements_period_idx` ON `kpi_measurements` (`kpi_id`,`period`);--> statement-breakpoint
CREATE INDEX `kpi_measurements_kpi_idx` ON `kpi_measurements` (`kpi_id`);--> statement-breakpoint
CREATE TABLE `kpis` (
	`id` text PRIMARY KEY NOT NULL,
	`objective_id` text,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`target` real NOT NULL,
	`warning` real NOT NULL,
	`frequency` text NOT NULL,
	`owner_id` text NOT NULL,
	`data_source` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`owner_id` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
