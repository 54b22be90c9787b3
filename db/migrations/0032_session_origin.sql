ALTER TABLE `sessions` ADD `signed_in_from` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `method` text;