"""The catalogue of every finding code outside the rule registry, in one place.

Rules register themselves (generator.check.registry); the loader's codes live beside the loader
(generator.load.codes) and change control's beside it (generator.review.control). This module adds
the codes of configuration and output (CFG) and of the print stage (PRT), and lists them all for
``handbook rules`` and docs/rules.md. It imports nothing heavy: ``handbook check`` stays light.
"""

from __future__ import annotations

CONFIG_CODES: dict[str, str] = {
    "USAGE": "命令用法错误:参数、选项或项目文件夹不对(--format json 时也以此代码报告)",
    "CFG001": "mkdocs.yml 没有启用 handbook 插件",
    "CFG002": "mkdocs.yml 缺失、无法读取或不是合法 YAML",
    "CFG003": "输出文件夹不安全:不是空文件夹、也不是以前生成的网站(会删掉其中的文件)",
    "CFG004": "输出文件夹无法写入(只读、权限不足或磁盘已满)",
    "CFG005": "company.yaml 缺失:公示和表单上不能没有公司名称",
    "CFG006": "没有这个版本:--edition 所指的 editions/NAME.yaml 不存在",
    "CFG007": "画流程图的 Graphviz(dot 命令)缺失或无法运行",
    "CFG008": "网站模板(site_overrides/ 中的 .html)有语法错误,或页面要用的模板不存在",
}
PRINT_CODES: dict[str, str] = {
    "PRT001": "字体无法显示的字符",
    "PRT002": "缺少所需字体或 fontconfig",
    "PRT003": "示例数据或未批准的收费标准不能张贴公示",
    "PRT004": "收费标准调整未提前一个月公示(1428号文第十条)",
    "PRT005": "打印模板引用了项目外的资源(已拒绝)",
    "PRT006": "表单一联的内容超过一页",
    "PRT007": "项目没有适用的收费标准,不生成公示",
    "PRT008": "WeasyPrint 的排版提示",
    "PRT009": "生成 PDF 失败",
    "PRT020": "作废文件不打印(要打印写 --include-obsolete,会盖作废印)",
    "PRT021": "受控副本须有汇编编号、版次和编制/审核/批准岗位(company.yaml 的 handbook)",
    "PRT022": "表单上的填写空白、填写栏或表格栏太窄,写不下",
    "PRT023": "表格栏太窄,标题会在词中间断行",
    "PRT024": "表单栏目的提示像编写说明,会印在表单上",
    "PRT026": "--two-up 只把 A5 表单拼到 A4 纸上,不是 A5 的表单没有拼版",
}
