// A deterministic 10-class Chinese topic dataset with text labels (issue 15): each topic has its
// own keywords, and sentence i of a topic combines them with a shared frame, so a model can learn
// the topic from the keywords and every run gets the same file.
export const TOPICS = {
  体育: ["篮球", "足球", "比赛", "冠军", "球队"],
  财经: ["股市", "银行", "利率", "投资", "基金"],
  科技: ["芯片", "手机", "软件", "人工智能", "互联网"],
  娱乐: ["电影", "明星", "演唱会", "综艺", "票房"],
  教育: ["高考", "学校", "老师", "课程", "大学"],
  健康: ["医院", "医生", "疫苗", "睡眠", "营养"],
  旅游: ["景点", "酒店", "机票", "旅行", "导游"],
  汽车: ["新能源", "油耗", "车型", "驾驶", "电池"],
  美食: ["火锅", "餐厅", "甜点", "厨师", "菜谱"],
  军事: ["军队", "演习", "舰艇", "导弹", "国防"],
} as const;

export type Topic = keyof typeof TOPICS;
export const TOPIC_LABELS = Object.keys(TOPICS) as Topic[];

const FRAMES = ["今天关于{a}和{b}的消息很多", "最近{a}成为热门话题，{b}也受到关注", "记者报道了{a}，还提到了{b}", "网友热议{a}与{b}"];

/** `perTopic` rows of each topic, topics interleaved (row i is topic i % 10); sentences are unique. */
export function makeTopicRows(perTopic: number, topics: readonly Topic[] = TOPIC_LABELS): { sentence: string; label: Topic }[] {
  const rows: { sentence: string; label: Topic }[] = [];
  for (let i = 0; i < perTopic; i++) {
    for (const topic of topics) {
      const words = TOPICS[topic];
      const a = words[i % words.length]!;
      const b = words[(i + 2) % words.length]!;
      const frame = FRAMES[Math.floor(i / words.length) % FRAMES.length]!;
      rows.push({ sentence: `${frame.replace("{a}", a).replace("{b}", b)}（第${i + 1}条）`, label: topic });
    }
  }
  return rows;
}
