//! Invented names: companies, departments, contacts. Any resemblance to a real company is
//! accidental; the stems are uncommon character pairs chosen not to be known brands.

use std::collections::HashSet;

use super::rng::SplitMix64;

const STEMS: [&str; 48] = [
    "恒岳", "瀚澄", "嘉屿", "瑞禾", "东岚", "澄川", "衡江", "汇禾", "启晟", "锦棠", "长珩", "青曜",
    "泓远", "信澜", "璟川", "华屹", "望舒", "云岫", "明湾", "临澈", "砚石", "沧朗", "远岑", "晴川",
    "北辰", "禾丰", "岱衡", "景钧", "安澜", "鸿屿", "拓溪", "晟岚", "澜汀", "钧和", "映川", "凌岳",
    "熙和", "润楷", "崇礼", "知远", "弘溪", "睿岭", "星澄", "朗峰", "兆川", "德晖", "翰林", "思源",
];

fn cities(region: &str) -> &'static [&'static str] {
    match region {
        "东区" => &["上海", "杭州", "南京", "苏州", "宁波", "合肥"],
        "南区" => &["广州", "深圳", "福州", "厦门", "长沙", "南宁"],
        "北区" => &["北京", "天津", "济南", "青岛", "沈阳", "石家庄"],
        _ => &["成都", "重庆", "西安", "昆明", "贵阳", "兰州"],
    }
}

/// Name patterns per industry: `{s}` is a stem, `{c}` a city of the company's region. Some
/// carry an ASCII comma, as real exports do ("..., 上海分行"), so the CSV needs quoting.
fn patterns(industry: &str) -> &'static [&'static str] {
    match industry {
        "银行" => &[
            "{s}银行股份有限公司",
            "{c}{s}农村商业银行",
            "{s}银行股份有限公司, {c}分行",
        ],
        "证券" => &["{s}证券股份有限公司", "{s}证券有限责任公司, {c}分公司"],
        "保险" => &[
            "{s}人寿保险股份有限公司",
            "{s}财产保险股份有限公司{c}分公司",
        ],
        "其他金融" => &[
            "{s}消费金融有限公司",
            "{s}金融租赁股份有限公司",
            "{s}信托有限责任公司",
            "{s}基金管理有限公司",
        ],
        "运营商" => &["{s}通信集团{c}有限公司", "{s}通信有限公司, {c}分公司"],
        "制造" => &[
            "{s}精密制造有限公司",
            "{s}汽车部件有限公司",
            "{s}电子科技股份有限公司",
        ],
        "互联网" => &["{s}网络科技有限公司", "{s}信息技术有限公司"],
        "政府" => &["{c}市{s}区政务服务中心", "{c}市{s}新区管委会信息中心"],
        "能源" => &[
            "{s}能源集团有限公司",
            "{s}电力股份有限公司",
            "{s}燃气有限公司, {c}分公司",
        ],
        _ => &["{s}物流有限公司", "{c}{s}医院", "{s}教育科技有限公司"],
    }
}

/// Hands out company names unique within one wave. A name depends only on the company's
/// industry, region, size band and its ordinal among such companies in the wave, so the same
/// key gives the same company (same industry, region and size) in every wave.
pub(super) struct Companies {
    taken: HashSet<String>,
    ordinals: std::collections::HashMap<String, usize>,
}

impl Companies {
    pub(super) fn new() -> Self {
        Self {
            taken: HashSet::new(),
            ordinals: std::collections::HashMap::new(),
        }
    }

    pub(super) fn name(&mut self, industry: &str, region: &str, size: &str) -> String {
        let key = format!("{industry}|{region}|{size}");
        let ordinal = self.ordinals.entry(key.clone()).or_insert(0);
        *ordinal += 1;
        let mut salt = 0;
        loop {
            let mut g = SplitMix64::from_key(&format!("{key}|{ordinal}|{salt}"));
            let pattern = g.pick(patterns(industry));
            let name = pattern
                .replace("{s}", g.pick(&STEMS))
                .replace("{c}", g.pick(cities(region)));
            if self.taken.insert(name.clone()) {
                return name;
            }
            salt += 1;
        }
    }
}

const DEPARTMENTS: [&str; 12] = [
    "信息技术部",
    "网络运维部",
    "信息科技部",
    "数据中心",
    "运维中心",
    "基础架构部",
    "IT运维部",
    "网络管理中心",
    "科技运营部",
    "安全管理部",
    "信息中心",
    "系统运维部",
];

pub(super) fn department(g: &mut SplitMix64) -> String {
    g.pick(&DEPARTMENTS).to_owned()
}

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢",
];
const GIVEN: [&str; 30] = [
    "伟", "磊", "强", "军", "洋", "勇", "杰", "涛", "明", "超", "华", "平", "刚", "辉", "鹏", "飞",
    "斌", "宇", "浩", "凯", "健", "俊", "帆", "晨", "博", "楠", "峰", "亮", "松", "毅",
];
const GIVEN_FEMALE: [&str; 12] = [
    "芳", "静", "丽", "婷", "雪", "琳", "娟", "敏", "颖", "玲", "慧", "洁",
];

/// A person's name: surname and one or two given-name characters.
pub(super) fn person(g: &mut SplitMix64, female: bool) -> String {
    let given: &[&str] = if female { &GIVEN_FEMALE } else { &GIVEN };
    let mut name = g.pick(&SURNAMES).to_owned();
    name.push_str(g.pick(given));
    if g.chance(1, 2) {
        name.push_str(g.pick(given));
    }
    name
}
