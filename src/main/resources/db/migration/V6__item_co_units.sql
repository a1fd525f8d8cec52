-- 协办/配合单位: they see the item and write on its thread; the lead unit alone moves it.
CREATE TABLE item_co_unit (
    item_id   bigint NOT NULL REFERENCES item (id),
    unit_id   bigint NOT NULL,
    unit_path text COLLATE "C" NOT NULL,
    PRIMARY KEY (item_id, unit_id)
);
CREATE INDEX item_co_unit_path_idx ON item_co_unit (unit_path, item_id);
