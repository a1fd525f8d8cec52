/**
 * 界面 (web): the layout, the home page, locale and error pages, and the translation of domain
 * refusals into pages and RFC 9457 problem+json. Nothing below it knows a screen.
 */
@org.springframework.modulith.ApplicationModule(displayName = "web")
package org.luoshi.web;
