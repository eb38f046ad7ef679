select case when a between 1 and 2 then cast(b as decimal(10,2)) else try_cast(c as array(row(x int))) end,
  -a * (b + c) % 3 || 'x', a[1].f, extract(year from ts at time zone 'UTC'), substring(s from 1 for 2),
  x is not distinct from y, name not like 'a!%' escape '!', row_number() over (partition by a order by b
  rows between 2 preceding and current row), array[1, 2], X'00ff', 1e3, .5, "Quoted ""Name""", ?
from t cross join unnest(arr) with ordinality as u (v, o)
group by grouping sets ((a, b), ()), rollup (c), cube (d);
