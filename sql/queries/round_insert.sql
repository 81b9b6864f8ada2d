INSERT INTO rounds (year, deadline, message_nl, message_fr, reminder_days, change_threshold, z_threshold,
                    require_explanations, opened_by, opened_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
