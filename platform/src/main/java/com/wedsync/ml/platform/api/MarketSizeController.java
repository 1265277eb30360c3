package com.wedsync.ml.platform.api;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.wedsync.ml.platform.growth.MarketSizes;

/**
 * Market sizes per vendor type and region, which the demand forecast's saturation needs. GET: viewers; PUT and
 * the CSV import: ML engineers. A bad row refuses the whole request, listing every problem; nothing is stored.
 */
@RestController
@RequestMapping("/api/market-sizes")
class MarketSizeController {

    private final MarketSizes sizes;

    MarketSizeController(MarketSizes sizes) {
        this.sizes = sizes;
    }

    @GetMapping
    List<MarketSizes.MarketSize> list() {
        return sizes.list();
    }

    /** Upserts the given market sizes: {@code [{"vendorType": "venue", "region": "wales", "businesses": 420}]}. */
    @PutMapping
    List<MarketSizes.MarketSize> put(@RequestBody List<MarketSizes.MarketSize> rows) {
        return sizes.put(rows, "api", 0);
    }

    /** A CSV body with the header {@code vendor_type,region,businesses[,source]}. */
    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    List<MarketSizes.MarketSize> importCsv(@RequestBody String csv) {
        return sizes.importCsv(csv, "csv import");
    }
}
