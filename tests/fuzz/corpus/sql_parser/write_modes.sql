INSERT OVERWRITE TABLE sales.t SELECT * FROM u;
INSERT OVERWRITE t PARTITION (dt, region) SELECT a, dt, region FROM u WHERE dt > '2020';
INSERT OVERWRITE t WITH x AS (SELECT 1) SELECT * FROM x;
UNLOAD (SELECT a, b FROM t ORDER BY a) TO 's3://bucket/out/' WITH (format = 'PARQUET', compression = 'zstd', partitioned_by = ARRAY['b'], append = true);
UNLOAD ((SELECT 1) UNION ALL (SELECT 2)) TO '/lake/it''s/';
