//! The published figures the dataset must reproduce, from REFERENCE-2021.md (and DOMAIN.md for
//! the 2019 NPS). Verification compares the generated files against these, never against the
//! construction plan.

/// A rated item of REFERENCE-2021.md, "Item scores and ranks", in the table's order.
pub(super) struct RefItem {
    pub(super) id: &'static str,
    /// The published 2021 mean in hundredths (474 = 4.74).
    pub(super) mean_2021: i64,
    pub(super) rank_2021: u32,
    pub(super) rank_2020: u32,
}

const fn item(id: &'static str, mean_2021: i64, rank_2021: u32, rank_2020: u32) -> RefItem {
    RefItem {
        id,
        mean_2021,
        rank_2021,
        rank_2020,
    }
}

/// REFERENCE-2021.md, "Item scores and ranks (2021 score, 2021 rank, 2020 rank)", row by row.
pub(super) const REFERENCE_ITEMS: [RefItem; 26] = [
    item("impl_attitude", 474, 1, 5), // 实施工程师现场服务的工作态度
    item("rma_overall", 470, 2, 16),  // 设备返修(RMA)的综合评价
    item("sales_reachability", 469, 3, 6), // 销售人员的可联络性
    item("sales_problem_solving", 467, 4, 11), // 销售人员的解决问题能力
    item("svc_patience", 467, 5, 1),  // 服务工程师解决故障的耐心程度
    item("impl_communication", 466, 6, 8), // 实施工程师现场服务的沟通能力
    item("company_overall", 466, 6, 9), // 本公司的整体评价
    item("impl_overall", 466, 6, 17), // 售后实施服务工作的综合评价
    item("sales_technical", 465, 9, 19), // 销售人员的技术能力
    item("svc_response", 465, 10, 13), // 服务工程师对故障的响应速度
    item("presales_communication", 464, 11, 4), // 售前工程师的沟通能力
    item("helpdesk_attitude", 464, 12, 2), // 客服人员的服务态度和耐心程度
    item("impl_technical", 464, 13, 14), // 实施工程师现场服务的技术水平
    item("company_image", 464, 13, 18), // 本公司的企业形象
    item("svc_technical", 463, 15, 3), // 服务工程师解决故障的技术能力
    item("contact_frequency", 463, 16, 26), // 为满足您需求而与您接触的频繁度
    item("presales_overall", 461, 17, 15), // 售前技术支持工作综合评价
    item("presales_design", 461, 17, 19), // 售前工程师的方案设计能力
    item("delivery_reliability", 460, 19, 6), // 交货的可靠性
    item("ordering_ease", 460, 20, 11), // 定货的便捷性
    item("impl_training", 459, 21, 10), // 实施工程师现场培训和表达能力
    item("hotline_availability", 458, 22, 22), // 客户服务800热线电话的可用性
    item("documentation", 457, 23, 23), // 售前售后工作的文档资料
    item("delivery_speed", 455, 24, 24), // 交货速度
    item("training_overall", 453, 25, 21), // 用户培训整体评价
    item("new_tech_promotion", 447, 26, 27), // 新技术、新产品的及时推广
];

/// The item asked in 2019 and 2020 and dropped in 2021; in 2020 it holds the one rank the
/// REFERENCE-2021.md "rank 2020" column leaves free.
pub(super) const DROPPED_ITEM: &str = "remote_support";
pub(super) const DROPPED_ITEM_RANK_2020: u32 = 25;

/// REFERENCE-2021.md, "The wave": 356 sent, 105 returned, response rate 29%.
pub(super) const SENT_2021: u64 = 356;
pub(super) const RETURNED_2021: usize = 105;
pub(super) const RESPONSE_RATE_2021_PERCENT: i64 = 29;
/// REFERENCE-2021.md, "The wave": overall average 4.62 (hundredths), the highest on record.
pub(super) const OVERALL_2021: i64 = 462;
/// REFERENCE-2021.md, "The wave": highest item 实施工程师现场服务的工作态度 4.74, a record high.
pub(super) const TOP_ITEM_2021: &str = "impl_attitude";

/// REFERENCE-2021.md, "NPS": promoters, passives, detractors; NPS in tenths.
pub(super) const NPS_2021: (usize, usize, usize) = (69, 29, 6);
/// 2021's NPS is over the 104 who answered.
pub(super) const NPS_2021_ANSWERED: usize = 104;
pub(super) const NPS_2021_VALUE: i64 = 606;
/// REFERENCE-2021.md, "NPS": the six detractors' scores as listed.
pub(super) const DETRACTORS_2021: [u8; 6] = [5, 6, 6, 4, 6, 6];
/// REFERENCE-2021.md, "NPS": 2020 had 70 / 28 / 7 and NPS 59.4 over 106 returned.
pub(super) const NPS_2020: (usize, usize, usize) = (70, 28, 7);
pub(super) const RETURNED_2020: usize = 106;
pub(super) const NPS_2020_VALUE: i64 = 594;
/// DOMAIN.md, section 2: "(the year before 59.4, before that 48.1)".
pub(super) const NPS_2019_VALUE: i64 = 481;

/// REFERENCE-2021.md, "Low-score customers": the five lowest own averages (hundredths).
pub(super) const LOWEST_2021: [i64; 5] = [308, 338, 365, 373, 374];

/// REFERENCE-2021.md, "The wave": staff 80, managers and above 25.
pub(super) const ROLES_2021: [(&str, usize); 2] = [("员工", 80), ("经理", 25)];
/// REFERENCE-2021.md, "The wave": male : female = 25 : 1.
pub(super) const MALE_PER_FEMALE_2021: usize = 25;
/// REFERENCE-2021.md, "The wave": 63% from companies of more than 1000 people.
pub(super) const LARGE_COMPANIES: [&str; 2] = ["1001-2000", "2000+"];
pub(super) const LARGE_COMPANY_PERCENT_2021: i64 = 63;
/// REFERENCE-2021.md, "The wave": for 83% IT staff are at most 30% of the company.
pub(super) const SMALL_IT_SHARES: [&str; 2] = ["≤10%", "11-30%"];
pub(super) const SMALL_IT_SHARE_PERCENT_2021: i64 = 83;

/// REFERENCE-2021.md, "Single-choice question": shares of those who answered, in tenths of a
/// percent, by option id.
pub(super) const LICENSE_SHARES_2021: [(&str, i64); 4] = [
    ("per_device", 468),
    ("subscription", 0),
    ("saas", 138),
    ("buyout", 394),
];

/// REFERENCE-2021.md, "Segments": other finance scored highest, and east-region finance.
pub(super) const TOP_INDUSTRY: &str = "其他金融";
pub(super) const TOP_REGION: &str = "东区";
/// Segments smaller than this are not compared (the definition's `min_segment_base`).
pub(super) const MIN_SEGMENT: usize = 3;
