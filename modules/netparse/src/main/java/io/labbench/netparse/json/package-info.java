/** JSON rendering of parse results and snapshot diffs, with the field names {@code labbench parse --json} promises. */
package io.labbench.netparse.json;
