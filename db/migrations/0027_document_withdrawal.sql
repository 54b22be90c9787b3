ALTER TABLE `documents` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `documents` ADD `withdrawn_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `documents` ADD `replaced_by` text;