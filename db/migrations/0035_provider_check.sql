ALTER TABLE `sessions` ADD `provider_refresh_token` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `provider_checked_at` integer;