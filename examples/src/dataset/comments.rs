//! Open-text comments on the themes REFERENCE-2021.md lists, and how a wave picks them.

use super::rng::SplitMix64;

/// The recurring themes of REFERENCE-2021.md ("Open text") with the words that reveal them.
pub(super) const THEMES: [(&str, &[&str]); 8] = [
    ("automation", &["自动化"]),
    ("fault location", &["故障定位", "根因"]),
    ("monitoring", &["监控", "告警"]),
    ("asset and configuration", &["资产", "配置管理"]),
    ("firewall policy", &["防火墙"]),
    ("delivery lead time", &["到货", "交货"]),
    ("training", &["培训"]),
    ("on-site staffing", &["驻场", "现场人员"]),
];

/// Answers to "您在运维工作中最困扰的问题是什么？": mostly complaints, some naming two themes.
pub(super) const PROBLEMS: [&str; 26] = [
    "网络设备数量多，日常变更还靠手工逐台配置，效率低也容易出错。",
    "想做网络自动化，但缺少懂脚本开发的人员，不知道从哪里入手。",
    "自动化运维工具和现有流程对接困难, 审批和执行是两张皮。",
    "故障定位太慢，出了问题要几个厂商一起排查，根因分析说不清楚。",
    "偶发性丢包很难复现, 故障定位往往要花好几天。",
    "业务系统慢的时候，分不清是网络问题还是应用问题，故障定位全凭经验。",
    "监控告警太多，真正重要的告警被淹没了。",
    "监控覆盖不全，有些链路出故障是用户先发现的。",
    "告警阈值靠经验设置，误报和漏报都不少。",
    "资产管理靠Excel表格，设备台账和现网对不上。",
    "配置管理缺少基线，配置变更后没有比对和回溯手段。",
    "设备多、型号杂，资产和配置信息分散在好几个系统里。",
    "防火墙策略越积越多，没人敢删，策略梳理很头疼。",
    "防火墙策略管理全靠人工，开通一条策略要走很久的流程。",
    "多台防火墙策略不一致, 审计时很难说清楚\"哪条策略是谁申请的\"。",
    "设备到货周期太长，项目进度经常被拖后。",
    "部分型号交货周期超过三个月，影响我们的扩容计划。",
    "备件到货时间不稳定，RMA期间心里没底。",
    "新设备上线后内部人员不会用，缺少系统的培训。",
    "人员流动大，培训做完没多久人就走了，知识留不下来。",
    "驻场人员变动频繁，每换一个人都要重新熟悉环境。",
    "现场人员数量不够，夜间变更和节假日保障压力很大。",
    "监控告警和故障定位是脱节的，告警出来以后还要人工去查根因。",
    "资产管理和配置管理做不好，网络自动化就无从谈起。",
    "驻场人员技术水平参差不齐，需要加强培训。",
    "交货周期长, 加上现场人员不足，项目上线时间一拖再拖。",
];

/// Answers to "您对我们的服务还有哪些期望和建议？": wishes, a few plain compliments.
pub(super) const WISHES: [&str; 22] = [
    "希望提供网络自动化方面的整体方案，从配置下发做起。",
    "希望贵公司的自动化运维平台能支持多厂商设备。",
    "期待能提供故障根因分析的工具或服务，缩短故障定位时间。",
    "希望加强监控告警的收敛和关联分析，减少告警风暴。",
    "建议提供统一的资产管理和配置管理平台, 能自动发现设备。",
    "希望有防火墙策略管理的工具，能自动检查冗余和过期策略。",
    "希望缩短设备到货周期，并能提前告知交货周期。",
    "建议多组织一些培训，特别是新技术、新产品的培训。",
    "希望培训能分层次, 既有入门也有\"实战\"。",
    "希望驻场人员保持稳定，交接要规范。",
    "希望增加现场人员，尤其是重大保障期间。",
    "服务很好，希望继续保持！",
    "希望新技术、新产品能及时推广，多做技术交流。",
    "建议定期提供运维报告，把监控告警和故障处理情况都汇总进去。",
    "希望售前和售后衔接更紧密，方案和实施保持一致。",
    "希望能提供防火墙策略梳理服务，配合我们做等保整改。",
    "希望在网络自动化、自动化运维方面多做一些培训和案例分享。",
    "建议备件库前移, 缩短备件和设备的交货周期。",
    "希望驻场人员能多参加原厂培训，提升技术能力。",
    "资产管理希望能和工单系统打通，做到\"一物一码\"。",
    "对服务整体满意，期待在故障定位和根因分析上有更多支持。",
    "希望800热线能更快转到对应的工程师。",
];

/// What a wave's comments must show between them: every theme, and (so that the CSV exercises
/// RFC 4180 quoting) an ASCII comma and a double quote.
fn features(text: &str) -> Vec<usize> {
    let mut found: Vec<usize> = THEMES
        .iter()
        .enumerate()
        .filter(|(_, (_, words))| words.iter().any(|w| text.contains(w)))
        .map(|(i, _)| i)
        .collect();
    if text.contains(',') {
        found.push(THEMES.len());
    }
    if text.contains('"') {
        found.push(THEMES.len() + 1);
    }
    found
}

/// `k` distinct comments of `pool` in random order, covering every feature the pool has when
/// `k` allows: first one comment per still-uncovered feature, then the rest at random.
pub(super) fn pick(pool: &[&'static str], k: usize, g: &mut SplitMix64) -> Vec<&'static str> {
    let mut order: Vec<usize> = (0..pool.len()).collect();
    g.shuffle(&mut order);
    let mut covered = [false; THEMES.len() + 2];
    let mut chosen = Vec::with_capacity(k);
    for &i in &order {
        let f = features(pool[i]);
        if chosen.len() < k && f.iter().any(|&j| !covered[j]) {
            for j in f {
                covered[j] = true;
            }
            chosen.push(i);
        }
    }
    for &i in &order {
        if chosen.len() < k && !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    g.shuffle(&mut chosen);
    chosen.into_iter().map(|i| pool[i]).collect()
}
