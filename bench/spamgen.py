"""Spam-line generator for bench_spam_dedupe.py.

Its vocabulary is written here, on its own, not read from
``cleantext/data/spam_terms.tsv``: many phrases are also in the lexicon, but
some are not (麻豆传媒, 外链代发, 学历提升, 888真人...), and the generator glues
cores to modifiers (在线观看, 官网, 2024...) in ways the lexicon never lists,
so a high recall is not just the lexicon looking itself up.

Styles (``STYLES``):

``comma``        ASCII commas, like the seed page (``亚洲香蕉视频综合在线,免费人成...``)
``fullwidth``    full-width commas
``ideographic``  、 between keywords
``space``        spaces
``pipe``         `` | `` between keywords (a spam ``<title>``)
``underscore``   ``_`` and ``-`` (a site-farm title: ``XX_YY_ZZ-站名``)
``glued``        keywords glued with no separator (one long segment)
``single``       one phrase on its own
``english``      English pharmacy / casino / porn keywords, comma or space separated
``sentence``     an SEO sentence with a full stop (``XX娱乐城，注册送38元彩金。``)
``hant``         any of the Chinese styles, converted to Traditional (OpenCC s2t)
"""

from __future__ import annotations

import random

CORES = {
    "porn": [
        "香蕉视频",
        "草莓视频",
        "成人影院",
        "国产精品",
        "日韩无码",
        "人妻熟女",
        "午夜福利",
        "一区二区三区",
        "亚洲色图",
        "欧美性爱",
        "偷拍自拍",
        "丝袜美腿",
        "麻豆传媒",
        "果冻传媒",
        "天美传媒",
        "蜜桃视频",
        "免费人成视频",
        "久久精品",
        "中文字幕无码",
        "av在线",
        "成人视频",
        "秋霞电影网",
        "色综合",
        "婷婷五月",
        "无码高清",
        "黄色网站",
        "伦理片",
        "韩国伦理",
        "三级片",
    ],
    "gambling": [
        "澳门新葡京",
        "百家乐",
        "时时彩",
        "北京赛车",
        "六合彩",
        "皇冠体育",
        "开云体育",
        "必威",
        "老虎机",
        "真人荷官",
        "彩票平台",
        "亚博体育",
        "澳门威尼斯人",
        "金沙娱乐",
        "888真人",
        "网上赌场",
        "足球投注",
        "一码中特",
        "香港六合彩",
        "幸运飞艇",
        "赌球",
        "在线赌场",
        "彩金",
        "永利皇宫",
        "太阳城",
        "心水论坛",
    ],
    "certificate": [
        "办证",
        "代开发票",
        "假文凭",
        "毕业证办理",
        "刻章",
        "身份证办理",
        "驾照代办",
        "学历提升",
        "代开增值税发票",
        "办假证",
        "私刻公章",
        "假毕业证",
        "代考",
        "四六级答案",
    ],
    "pharmacy": [
        "伟哥",
        "犀利士",
        "壮阳药",
        "春药",
        "迷药",
        "听话水",
        "催情药",
        "印度神油",
        "三唑仑",
        "西地那非",
        "希爱力",
        "迷幻药",
        "仿真枪",
        "冰毒",
    ],
    "seo": [
        "蜘蛛池",
        "黑帽seo",
        "快速排名",
        "百度快照",
        "泛目录",
        "站群",
        "外链代发",
        "霸屏",
        "包上首页",
        "刷单兼职",
        "网赚",
        "日赚500",
        "加微信",
        "私人侦探",
        "黑客接单",
        "信用卡套现",
    ],
}
MODIFIERS = [
    "在线观看",
    "免费",
    "高清",
    "最新",
    "2024",
    "网址",
    "入口",
    "官网",
    "手机版",
    "下载",
    "无删减",
    "完整版",
    "免费视频",
    "app",
    "平台",
    "注册",
    "开户",
    "官方网站",
    "大全",
    "排行榜",
    "",
    "",
    "",
    "",
]
EN = {
    "pharmacy": [
        "buy viagra online",
        "cheap cialis",
        "tramadol no prescription",
        "kamagra",
        "levitra",
        "generic viagra",
        "online pharmacy",
        "xanax without prescription",
        "phentermine",
        "replica watches",
        "cheap jerseys",
    ],
    "gambling": [
        "online casino",
        "slot gacor",
        "judi bola",
        "togel online",
        "sbobet",
        "casino bonus",
        "poker online",
        "baccarat",
        "sportsbook",
    ],
    "porn": [
        "free porn",
        "sex videos",
        "hot milf",
        "xxx videos",
        "hentai",
        "porn hub",
        "nude girls",
    ],
    "seo": ["buy backlinks", "payday loans", "essay writing service", "buy followers"],
}
SENTENCES = [
    "{g}娱乐城是亚洲最大的在线赌场，注册送{n}元彩金，真人{b}在线开户。",
    "{g}官网，{b}，{g2}，首存即送{n}%彩金，24小时在线客服。",
    "{p}在线观看免费，{p2}最新网址，每日更新{n}部高清视频。",
    "专业{c}，{c2}，全国包邮，诚信为本，联系微信{n}。",
    "{s}，{s2}，百度{n}天上首页，无效退款。",
]
NAV_WORDS = ["Network", "Home", "首页", "網站首頁", "HOME", "首頁"]
STYLES = [
    "comma",
    "fullwidth",
    "ideographic",
    "space",
    "pipe",
    "underscore",
    "glued",
    "single",
    "english",
    "sentence",
    "hant",
]
_SEPARATORS = {
    "comma": ",",
    "fullwidth": "，",
    "ideographic": "、",
    "space": " ",
    "pipe": " | ",
    "underscore": "_",
    "glued": "",
}


def _keyword(rng: random.Random, category: str) -> str:
    return rng.choice(CORES[category]) + rng.choice(MODIFIERS)


def spam_line(rng: random.Random, style: str) -> tuple[str, str]:
    """One spam line in ``style``; returns (line, category)."""
    if style == "hant":
        import opencc

        line, category = spam_line(
            rng, rng.choice(["comma", "fullwidth", "space", "pipe", "glued"])
        )
        return opencc.OpenCC("s2t").convert(line), category
    category = rng.choice(sorted(CORES))
    if style == "english":
        cat = rng.choice(sorted(EN))
        words = rng.sample(EN[cat], k=min(len(EN[cat]), rng.randint(2, 5)))
        return rng.choice([", ", " ", " | "]).join(words), cat
    if style == "single":
        return _keyword(rng, category) + rng.choice(["", "", rng.choice(MODIFIERS)]), category
    if style == "sentence":
        tpl = rng.choice(SENTENCES)
        pick = lambda cat: rng.choice(CORES[cat])  # noqa: E731
        line = tpl.format(
            g=pick("gambling"),
            g2=pick("gambling"),
            b=pick("gambling"),
            p=pick("porn"),
            p2=pick("porn"),
            c=pick("certificate"),
            c2=pick("certificate"),
            s=pick("seo"),
            s2=pick("seo"),
            n=rng.randint(8, 888),
        )
        return line, "mixed"
    n = rng.randint(3, 8)
    # Site-farm lines mix categories now and then.
    cats = [category if rng.random() < 0.8 else rng.choice(sorted(CORES)) for _ in range(n)]
    words = [_keyword(rng, c) for c in cats]
    if style == "underscore":
        return "_".join(words[:-1]) + "-" + words[-1], category
    return _SEPARATORS[style].join(words), category


def nav_word(rng: random.Random) -> str:
    return rng.choice(NAV_WORDS)
