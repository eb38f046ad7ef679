CREATE EXTERNAL TABLE IF NOT EXISTS `movies`.`rental` (
  `rental_id` int COMMENT 'id', tags array<struct<k:string, v:map<string,int>>>, amount decimal(5,2))
COMMENT 'rentals' PARTITIONED BY (dt string)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES TERMINATED BY '\n'
STORED AS TEXTFILE LOCATION 's3://lake/rental/' TBLPROPERTIES ('skip.header.line.count'='1');
ALTER TABLE movies.rental ADD IF NOT EXISTS PARTITION (dt='2024-01-01') LOCATION 's3://x/' PARTITION (dt='b');
ALTER TABLE movies.rental DROP PARTITION (dt='a'), PARTITION (dt='b');
MSCK REPAIR TABLE movies.rental; SHOW PARTITIONS movies.rental; DESCRIBE FORMATTED movies.rental;
