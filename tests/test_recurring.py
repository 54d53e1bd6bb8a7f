"""tracker.recurring: the same issue worded differently is one group; different issues are not."""
from __future__ import annotations

import itertools
import random
import time
from collections import Counter

import pytest

from tracker import recurring
from tracker.recurring import cluster, group_problems, similar_pairs
from tracker.report_problems import Problem
from tracker.report_text import Vectorizer, cosine, problem_kind

# Each family is one issue as different note-takers write it.
FAMILIES = {
    "test_env_short": ["测试环境资源不足", "测试环境不够用", "缺测试服务器", "测试资源紧张，联调排不上",
                       "研发部反馈测试机器不够，排队严重"],
    "test_env_down": ["测试服务器经常宕机", "测试环境稳定性差，频繁故障", "测试环境又挂了，影响回归测试"],
    "staff_short": ["研发人手不足，项目排期紧张", "开发人员不够，需要招聘", "人力紧张，多个项目并行"],
    "vendor_late": ["供应商交货延迟", "供应商到货推迟影响生产", "原材料供货滞后，产线等料"],
    "delivery_complaints": ["客户投诉物流慢", "用户抱怨配送太慢", "配送时效差引发客诉"],
    "slow_approval": ["审批流程太长", "签字审批慢影响进度", "合同审批迟迟没有批复"],
    "requirement_churn": ["需求频繁变更导致返工", "需求反复调整，开发返工严重"],
    "communication": ["跨部门沟通不畅", "部门之间信息同步不及时", "各方对接不顺，口径不一致"],
    "login_errors": ["App登录失败的bug反复出现", "用户反馈登录报错", "登录接口偶发异常"],
}
UNRELATED = ["会议室预订冲突", "发布会场地尚未确定存在风险", "数据安全整改存在合规风险", "年会节目排练时间不够",
             "服务器采购成本偏高", "官网改版设计稿有分歧", "营销预算不足"]
NAMES = ("研发部", "市场部", "测试部", "王芳", "张伟")


def problem(text, meeting_id, day="2024-07-10", kind=None, departments=("研发部",)):
    return Problem(text=text, kind=kind or problem_kind(text) or "topic", source="discussion", meeting_id=meeting_id,
                   meeting_title=f"周会{meeting_id}", meeting_date=day, seen=day, departments=departments)


@pytest.fixture(scope="module")
def grouped():
    problems, family_of = [], {}
    meeting = itertools.count(1)
    for family, texts in FAMILIES.items():
        for text in texts:
            problems.append(problem(text, next(meeting)))
            family_of[text] = family
    for text in UNRELATED:
        problems.append(problem(text, next(meeting)))
        family_of[text] = text
    return group_problems(problems, NAMES), family_of


def test_different_wordings_of_one_issue_are_one_group(grouped):
    groups, family_of = grouped
    by_text = {p.text: n for n, g in enumerate(groups) for p in g.problems}
    # the three wordings named in the issue, and their siblings
    assert by_text["测试环境资源不足"] == by_text["测试环境不够用"] == by_text["缺测试服务器"]
    for family, texts in FAMILIES.items():
        homes = {by_text[t] for t in texts}
        assert len(homes) == 1, f"{family} split over {len(homes)} groups"


def test_unrelated_issues_are_not_grouped(grouped):
    groups, family_of = grouped
    for g in groups:
        families = {family_of[p.text] for p in g.problems}
        assert len(families) == 1, f"mixed issues in one group: {[p.text for p in g.problems]}"
    unrelated = {t: [g for g in groups if any(p.text == t for p in g.problems)][0] for t in UNRELATED}
    assert all(g.count == 1 for g in unrelated.values())


def test_same_subject_but_a_different_problem_stays_apart(grouped):
    groups, _ = grouped
    home = {p.text: id(g) for g in groups for p in g.problems}
    assert home["测试环境不够用"] != home["测试服务器经常宕机"]  # not enough vs keeps crashing
    assert home["营销预算不足"] != home["研发人手不足，项目排期紧张"]  # both 不足, different things


def test_group_summary(grouped):
    groups, _ = grouped
    env = next(g for g in groups if any(p.text == "缺测试服务器" for p in g.problems))
    assert env.count == 5 and len(env.meetings) == 5
    assert env.terms[0] in ("测试环境", "不足") and "测试环境" in env.terms
    assert env.label in FAMILIES["test_env_short"]
    assert env.kinds == ("shortage",)
    assert dict(env.departments) == {"研发部": 5}
    # sorted: the groups seen in most meetings first
    assert [len(g.meetings) for g in groups] == sorted((len(g.meetings) for g in groups), reverse=True)


def test_examples_prefer_central_wordings_from_different_meetings():
    problems = [problem("测试环境不够用", 1, "2024-07-01"), problem("测试环境不够用", 1, "2024-07-01"),
                problem("测试环境不够用", 2, "2024-07-08"), problem("缺测试服务器", 3, "2024-07-15"),
                problem("测试环境资源不足", 4, "2024-07-22")]
    [group] = group_problems(problems, NAMES)
    examples = group.examples(3)
    assert len(examples) == 3
    assert len({p.meeting_id for p in examples}) == 3
    assert len({p.text for p in examples}) == 3
    assert group.label == "测试环境不够用"  # the most used of the most central wordings
    assert (group.first_seen, group.last_seen, group.count) == ("2024-07-01", "2024-07-22", 5)


def test_one_bridging_sentence_does_not_chain_two_issues():
    shortage = ["测试环境资源不足", "测试环境不够用", "缺测试服务器", "测试机器不够"]
    staffing = ["研发人手不足", "开发人员不够", "人力紧张", "缺开发人员"]
    bridge = ["测试环境和研发人手都不足"]
    texts = shortage + staffing + bridge
    vectors = Vectorizer(NAMES).fit_transform(texts)
    kinds = [frozenset({"shortage"})] * len(texts)
    labels = cluster(vectors, kinds)
    assert len({labels[i] for i in range(4)}) == 1
    assert len({labels[i] for i in range(4, 8)}) == 1
    assert labels[0] != labels[4]


def test_candidate_pairs_come_from_shared_rarer_terms():
    vectors = Vectorizer().fit_transform(["测试环境不够用", "缺测试服务器", "营销预算不足", "客户投诉物流慢"])
    pairs = similar_pairs(vectors, [frozenset()] * 4)
    assert [(i, j) for _s, i, j in pairs] == [(0, 1)]
    assert pairs[0][0] >= recurring.THRESHOLD


def test_empty_and_single():
    assert group_problems([]) == []
    [only] = group_problems([problem("测试环境不够用", 1)])
    assert only.count == 1 and only.label == "测试环境不够用"


def test_grouping_scales_near_linearly():
    """Thousands of distinct sentences group in well under the report's time budget."""
    rng = random.Random(7)
    subjects = ["测试环境", "预发环境", "报表系统", "门店系统", "客服热线", "物流配送", "合同审批", "设计资源",
                "营销预算", "数据接口", "官网", "App登录", "仓库", "财务报销", "会议室", "投放渠道"]
    natures = ["不足", "不够用", "经常宕机", "报错", "延期", "响应慢", "客户投诉多", "流程太长", "紧张", "有风险"]
    extras = ["", "，影响上线", "，需要协调", "，排队严重", "，多次反馈", "，本周又出现"]
    texts = sorted({f"{rng.choice(['', '目前', '本周'])}{s}{n}{e}{rng.randint(1, 40) if rng.random() < .5 else ''}"
                    for s in subjects for n in natures for e in extras})
    problems = [problem(t, n % 400 + 1) for n, t in enumerate(texts)]
    started = time.perf_counter()
    groups = group_problems(problems)
    elapsed = time.perf_counter() - started
    assert len(texts) > 900
    assert elapsed < 6.0
    # groups follow what the trouble is about: few sentences land in a group led by another subject
    subject = lambda text: next(s for s in subjects if s in text)  # noqa: E731
    agreeing = sum(Counter(subject(p.text) for p in g.problems).most_common(1)[0][1] for g in groups)
    assert agreeing / len(texts) >= 0.85
    assert len(groups) >= len(subjects) - 2


def test_prefix_filtering_misses_no_pair_above_the_threshold():
    """With room for every neighbour, the indexed search finds exactly what comparing all pairs finds."""
    rng = random.Random(11)
    words = ["测试环境", "不足", "延期", "供应商", "审批", "客户", "投诉", "预算", "人手", "故障", "报表", "门店"]
    texts = sorted({"".join(rng.sample(words, rng.randint(2, 4))) for _ in range(300)})
    vectors = Vectorizer().fit_transform(texts)
    kinds = [frozenset()] * len(texts)
    found = {(i, j) for _s, i, j in similar_pairs(vectors, kinds, neighbours=len(texts))}
    brute = {(i, j) for i, j in itertools.combinations(range(len(texts)), 2)
             if cosine(vectors[i], vectors[j]) >= recurring.THRESHOLD}
    assert found == brute and len(brute) > 100


def test_each_text_keeps_a_bounded_number_of_neighbours():
    texts = [f"测试环境不足{'，' + '联调' * (n % 7) if n % 2 else ''}第{n}次" for n in range(200)]
    vectors = Vectorizer().fit_transform(texts)
    pairs = similar_pairs(vectors, [frozenset()] * len(texts), neighbours=3)
    assert len(pairs) <= 3 * len(texts)
    assert all(i < j for _s, i, j in pairs)
