WITH recent (id, d) AS (SELECT rental_id, rental_date FROM rental WHERE rental_date > current_date)
SELECT * FROM (SELECT id FROM recent) AS x (i)
WHERE i IN (SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3)
  AND EXISTS (SELECT * FROM film f WHERE f.id = x.i)
  AND i > (SELECT avg(i) FROM recent) OR i = ANY (VALUES 1, 2);
