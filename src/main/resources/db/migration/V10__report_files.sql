-- Evidence sent with a report: files of the item's evidence (佐证材料) that this report points to.
CREATE TABLE progress_report_file (
    report_id bigint NOT NULL REFERENCES progress_report (id),
    file_id   bigint NOT NULL REFERENCES item_file (id),
    PRIMARY KEY (report_id, file_id)
);
