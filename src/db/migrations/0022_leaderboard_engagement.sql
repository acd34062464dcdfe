-- Leaderboards may also rank by the analytics engagement score (docs/growth.md, "Leaderboards").
ALTER TABLE leaderboards DROP CONSTRAINT leaderboards_metric_check;
ALTER TABLE leaderboards ADD CONSTRAINT leaderboards_metric_check CHECK (metric IN ('points_earned', 'check_in_days', 'messages', 'engagement'));
