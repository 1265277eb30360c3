/**
 * What decides whether a trained version may go on: the definition's absolute gates ({@link
 * com.wedsync.ml.pipelines.promotion.Gates}), the rule against the champion ({@link
 * com.wedsync.ml.pipelines.promotion.ChampionRule}) and what happens to a version that passes ({@link
 * com.wedsync.ml.pipelines.promotion.PromotionPolicy}: auto, manual or an A/B experiment). Plain values and
 * functions, tested in milliseconds; the platform's promotion service applies them under its lock.
 */
package com.wedsync.ml.pipelines.promotion;
