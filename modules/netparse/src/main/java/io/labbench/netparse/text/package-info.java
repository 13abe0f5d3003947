/** Text helpers shared by the parsers: cleaned input lines, words with positions, safe number reading. */
package io.labbench.netparse.text;
