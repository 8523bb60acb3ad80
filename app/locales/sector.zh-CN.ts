/** 主管部门的辖区汇总（行业、区域、规模、专项就绪度、导出）。由 zh-CN.ts 合并到 `sector` 键下。 */
export const sectorZh = {
  noJurisdiction: "请先在“组织信息”中设置管辖区域，再查看辖区汇总。",

  // --- helper D: navigation, authority dashboard, regions map, programme readiness, exports ---
  nav: "辖区汇总",
  dashboard: {
    title: "辖区概况",
    lead: "{scope} · {period} 年度 · 问卷 {version}。以下均为汇总数据，不含任何单个企业的名称、答卷或得分。",
    registered: "已注册企业",
    participating: "{period} 年提交评估的企业",
    median: "综合得分中位数",
    levelMix: "成熟度等级分布",
    suppressed: "不足 {k} 家，不公布",
    noData: "辖区内暂无已提交的评估。企业提交评估后，这里会显示汇总。",
    open: "查看辖区汇总",
    pagesTitle: "辖区汇总页面",
  },
  pages: {
    overview: "总览",
    industries: "行业对比",
    sizes: "规模对比",
    regions: "区域地图",
    programmes: "专项就绪度",
  },
  regions: {
    title: "区域分布",
    lead: "按{kind}查看企业参与情况、成熟度等级和综合得分中位数。",
    mapTitle: "{period} 年各{kind}综合得分中位数",
    mapCaption:
      "每个方块代表一个{kind}，位置为示意，不是行政区划图。颜色越深，中位数越高；方块上的数字与右侧表格一致。",
    mapLabel: "各{kind}综合得分中位数示意图",
    tileValue: "{name}：中位数 {value}",
    tileBand: "{name}：中位数约 {value}（不足 {n} 家，仅公布区间）",
    tileSuppressed: "{name}：不足 {k} 家，不公布",
    legendTitle: "图例",
    legendStep: "{from} 及以上",
    legendBand: "约数：不足 {n} 家，仅公布 0.5 分宽的区间",
    legendSuppressed: "斜线：不足 {k} 家，不公布",
    noLayout:
      "管辖区域在参考数据中没有下级区县或城市，无法绘制地图；下表为整个辖区的汇总。",
    district: "区",
    city: "市",
    column: "{kind}",
    factories: "企业数",
    overallMedian: "综合得分中位数",
    total: "合计",
    levelsTitle: "{period} 年各{kind}成熟度等级分布",
    mediansTitle: "{period} 年各{kind}得分中位数",
    notes: {
      scope: "范围：{scope}；{period} 年度；问卷版本 {version}。",
      suppressed:
        "企业不足 {k} 家的单元格不公布（显示为“—”），并对部分单元格做补充隐藏，使其无法由合计推算。",
      perturbed:
        "企业数经过小幅随机扰动（单元格键法），各行之和可能与合计略有出入。",
      band: "企业不足 {n} 家时，中位数只公布 0.5 分宽的区间。",
      unassigned:
        "合计包含只填写到上级区域、未填写到{kind}的企业，因此可能大于各行之和。",
      synthetic: "含演示用的合成样本企业。",
    },
  },
  programmes: {
    title: "专项就绪度",
    lead: "综合得分达到浙江省数字化车间、智能工厂和未来工厂申报门槛的企业占比，用于研判政策储备，不是申报资格认定。",
    headline: "全辖区",
    thresholdsTitle: "门槛说明",
    thresholdGe2:
      "综合得分 ≥ 2.0：浙江省 2025 年通知对数字化车间、智能工厂项目要求企业数字化水平不低于 2.0。",
    thresholdGe3: "综合得分 ≥ 3.0：同一通知对未来工厂试点要求不低于 3.0。",
    tableTitle: "{period} 年按{by}的专项就绪度",
    by: {
      industry: "行业",
      region: "区域",
      size: "规模",
    },
    threshold: {
      overall_ge_2: "≥ 2.0 占比（%）",
      overall_ge_3: "≥ 3.0 占比（%）",
    },
    factories: "企业数",
    total: "合计",
    notes: {
      scope: "范围：{scope}；{period} 年度；问卷版本 {version}。",
      source:
        "门槛来源：浙江省 2025 年数字化车间、智能工厂、未来工厂申报通知（数字化水平 ≥ 2.0 / ≥ 3.0）。",
      estimate:
        "本平台的综合得分为企业自评结果，与省级评价口径不同，占比仅供参考。",
      suppressed:
        "企业不足 {k} 家的行不公布占比，并做补充隐藏；占比为整数百分比。",
      hidden: "另有 {count} 个分组企业不足 {k} 家，未列出。",
      synthetic: "含演示用的合成样本企业。",
    },
  },
  export: {
    title: "导出",
    csv: "CSV",
    xlsx: "Excel",
    download: "下载“{table}”",
    viewerNote: "只有所有者和编辑者可以导出数据。",
    flagColumn: "{label}（标记）",
    codeColumn: "{label}（代码）",
    unknownTable: "没有名为“{table}”的表格，请从页面上的导出链接下载。",
    missingTable: "请指定要导出的表格。",
    tooLarge:
      "该表格共 {rows} 行，超过导出上限 {max} 行。请用筛选条件缩小范围后再导出。",
    sheetData: "数据",
    sheetNotes: "说明",
    notesTitle: "表格",
    notesScope: "范围",
    notesPeriod: "年度",
    notesVersion: "问卷版本",
    notesCreated: "导出时间",
    notesFlags:
      "标记：空 = 已公布；c = 不公布（不足 {k} 家或补充隐藏）；r = 区间（中位数仅公布 0.5 分宽的区间）。",
    notesLicence:
      "汇总数据可按政府数据开放的要求发布，使用时请注明来源“未来工厂成熟度评估平台”；数据含企业自评结果，不代表官方评价。",
    notesSchema: "各列含义见 docs/open-data.md。",
  },
};
