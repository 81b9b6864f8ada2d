-- Per submission: its explanations, questions and answers.
SELECT submission_id,
       count(*) FILTER (WHERE kind = 'explanation'),
       count(*) FILTER (WHERE kind = 'question'),
       count(*) FILTER (WHERE kind = 'answer')
FROM value_notes
GROUP BY submission_id;
