-- Growth intelligence: the market size per vendor type and region (how many such businesses there are), which the
-- demand forecast's saturation needs. An operator fills it (PUT /api/market-sizes, CSV import); the marketplace
-- simulator seeds it (source 'simulator') without overwriting an operator's value.
CREATE TABLE market_sizes (
  vendor_type TEXT NOT NULL,
  region TEXT NOT NULL,
  businesses INTEGER NOT NULL,
  source TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (vendor_type, region),
  CONSTRAINT market_sizes_vendor_type_check CHECK (vendor_type IN
    ('photographer','venue','planner','florist','caterer','dj','videographer','other')),
  CONSTRAINT market_sizes_region_check CHECK (region ~ '^[a-z][a-z0-9-]{0,63}$'),
  CONSTRAINT market_sizes_businesses_check CHECK (businesses > 0 AND businesses <= 10000000)
);
