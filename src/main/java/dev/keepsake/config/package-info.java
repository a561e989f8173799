/**
 * The YAML configuration: records that mirror its keys, loading with every unknown key refused (and
 * the nearest valid key suggested), and validation whose messages name the key and the fix.
 */
package dev.keepsake.config;
