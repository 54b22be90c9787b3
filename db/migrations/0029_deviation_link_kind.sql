-- A deviation is linked as "deviation"; "report" meant it before audit and annual reports existed.
UPDATE `links` SET `from_kind` = 'deviation' WHERE `from_kind` = 'report';--> statement-breakpoint
UPDATE `links` SET `to_kind` = 'deviation' WHERE `to_kind` = 'report';
