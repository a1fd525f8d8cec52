/**
 * 检索 (search): one box over items, progress reports and comments, within what the person may see,
 * finding two-character Chinese terms through an index of character pairs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "search")
package org.luoshi.search;
