/**
 * 组织机构 (organisation): the unit tree 市 → 区县 → 乡镇/街道 → 村/社区, with 部门 and 企事业单位 at any
 * level. Glossary: 单位 = Unit, 上级单位 = parent, 辖区 = jurisdiction, 数据范围 = {@link
 * org.luoshi.org.UnitScope}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "org")
package org.luoshi.org;
