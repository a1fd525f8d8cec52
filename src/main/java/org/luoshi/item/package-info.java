/**
 * 督办事项 (item): the unit of follow-through and its lifecycle 立项 → 派发 → 签收 → 办理中 → 申请办结
 * → 办结/销号, with 退回, 延期, 撤销 and 回头看. Glossary: 督办事项 = Item, 牵头单位 = lead unit, 牵头领导 = lead
 * leader, 完成时限 = deadline, 派发 = dispatch, 签收 = accept, 销号 = closure, 回头看 = re-check.
 */
@org.springframework.modulith.ApplicationModule(displayName = "item")
package org.luoshi.item;
