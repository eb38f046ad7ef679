SELECT c.name, count(DISTINCT r.rental_id) AS rentals, sum(p.amount) FILTER (WHERE p.amount > 0)
FROM customer c
LEFT JOIN rental r ON r.customer_id = c.customer_id
JOIN payment p USING (rental_id), store s
WHERE c.active AND r.rental_date >= DATE '2005-05-01' - INTERVAL '7' DAY
GROUP BY c.name HAVING count(*) > 2 ORDER BY 2 DESC NULLS LAST LIMIT 10;
