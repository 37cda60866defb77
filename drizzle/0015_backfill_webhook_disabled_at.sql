-- Webhooks disabled before disabled_at existed: their last change is the best known start of the pause.
UPDATE `webhooks` SET `disabled_at` = `updated_at` WHERE `enabled` = 0 AND `disabled_at` IS NULL;
