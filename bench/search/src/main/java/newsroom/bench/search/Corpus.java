package newsroom.bench.search;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.Document;

/**
 * Generated Chinese news articles: text drawn from a vocabulary of real words with Zipf-like frequencies (a few
 * words are everywhere, most are rare), so that smartcn segments realistic text and query terms range from ones that
 * match most articles to ones that match a few. Deterministic for a seed.
 */
final class Corpus {

    /** News vocabulary, roughly by how common it is: the first words are drawn most often. */
    static final List<String> WORDS = List.of((
            "发展 建设 经济 企业 产业 创新 项目 服务 推进 工作 园区 城市 数字 科技 政策 市场 投资 平台 管理 社会 "
            + "人才 合作 发布 提升 加快 实施 数据 技术 集群 规划 生态 能源 制造 智能 改革 开放 国际 区域 资源 "
            + "质量 安全 环境 交通 教育 医疗 文化 旅游 农业 金融 银行 资本 基金 股票 债券 贸易 出口 进口 消费 "
            + "就业 收入 住房 养老 社保 健康 医院 学校 大学 研究 实验室 专利 标准 认证 品牌 营商 审批 监管 法规 "
            + "会议 大会 论坛 峰会 展览 博览会 签约 协议 战略 框架 目标 任务 指标 考核 评估 报告 数据中心 "
            + "云计算 人工智能 大数据 物联网 区块链 芯片 半导体 新能源 汽车 电池 光伏 风电 储能 氢能 材料 "
            + "生物 医药 疫苗 器械 基因 软件 互联网 电商 直播 物流 快递 港口 机场 高铁 地铁 公路 桥梁 隧道 "
            + "苏州 上海 北京 深圳 杭州 南京 无锡 广州 成都 武汉 西安 重庆 天津 合肥 宁波 长三角 大湾区 "
            + "工业 服务业 制造业 农村 乡村 振兴 脱贫 共同富裕 碳达峰 碳中和 绿色 低碳 节能 减排 环保 污染 "
            + "治理 水利 防汛 气象 应急 消防 社区 街道 志愿者 文明 体育 赛事 比赛 运动员 冠军 博物馆 图书馆 "
            + "演出 电影 音乐 艺术 非遗 传统 历史 遗址 考古 景区 游客 假期 春节 中秋 国庆 元宵 端午 "
            + "青年 儿童 老人 妇女 学生 教师 医生 工人 农民 企业家 专家 学者 院士 代表 委员 市长 书记 "
            + "孵化器 加速器 产业园 开发区 高新区 自贸区 综合保税区 示范区 试验区 先行区 "
            + "融资 上市 并购 估值 营收 利润 增长 下降 同比 环比 季度 年度 预计 计划 启动 完成 开工 竣工 投产 "
            + "数字化 智能化 网络化 转型 升级 赋能 协同 融合 集聚 引领 突破 攻关 核心 关键 领域 赛道 链条 "
            + "供应链 产业链 创新链 价值链 人才链 营商环境 优化 便利 高效 透明 公平 竞争 活力 动能 韧性")
            .split(" "));

    private static final String[] SOURCES = {"高新院 achie.org", "苏州日报", "新华社", "人民网", "园区发布"};
    private static final String[] JOINERS = {"", "", "", "的", "和", "在", "将", "是", "与", "对"};

    private final SplittableRandom random;
    private final int categories;

    Corpus(long seed, int categories) {
        this.random = new SplittableRandom(seed);
        this.categories = categories;
    }

    /** A word, drawn with probability falling as 1/rank (Zipf, s = 1). */
    String word() {
        // Inverse transform over harmonic weights, approximated: rank = n^u is 1/rank-distributed.
        int rank = (int) Math.floor(Math.pow(WORDS.size() + 1, random.nextDouble())) - 1;
        return WORDS.get(Math.min(Math.max(rank, 0), WORDS.size() - 1));
    }

    /** A query word, uniform over the vocabulary: common and rare words alike. */
    String queryWord() {
        return WORDS.get(random.nextInt(WORDS.size()));
    }

    private String sentence(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(word()).append(JOINERS[random.nextInt(JOINERS.length)]);
        }
        return text.append(random.nextInt(4) == 0 ? "," : "。").toString();
    }

    /** Article {@code n} as article-service stores it: published, with an HTML body of a few paragraphs. */
    Document article(int n, Date publishedAt) {
        String id = String.valueOf(n);
        String category = String.valueOf(2 + random.nextInt(categories));
        List<String> keywords = List.of(word(), word());
        StringBuilder body = new StringBuilder();
        int paragraphs = 3 + random.nextInt(5);
        for (int p = 0; p < paragraphs; p++) {
            body.append("<p>");
            for (int s = 0, sentences = 2 + random.nextInt(3); s < sentences; s++) {
                body.append(sentence(6 + random.nextInt(10)));
            }
            body.append("</p>");
        }
        String title = sentence(3 + random.nextInt(4));
        return new Document("_id", id)
                .append("title", title.substring(0, title.length() - 1))
                .append("summary", sentence(10 + random.nextInt(10)))
                .append("body", body.toString())
                .append("source", SOURCES[random.nextInt(SOURCES.length)])
                .append("keywords", keywords)
                .append("keywordKeys", new ArrayList<>(keywords))
                .append("categoryId", category)
                .append("categoryPath", List.of("1", category))
                .append("status", "PUBLISHED")
                .append("revision", 1L)
                .append("createdBy", "bench")
                .append("createdAt", publishedAt)
                .append("updatedAt", publishedAt)
                .append("publishedAt", publishedAt)
                .append("outbox", List.of())
                .append("version", 0L);
    }
}
