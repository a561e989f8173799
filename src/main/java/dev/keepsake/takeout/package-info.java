/**
 * Google Takeout's photo sidecars: which {@code .json} belongs to which photo (through Google's
 * truncated, renamed and numbered names) and the capture time it holds. A leaf: it reads names and
 * small JSON files handed to it, and knows nothing of archives or ledgers.
 */
package dev.keepsake.takeout;
