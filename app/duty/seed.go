package duty

import (
	"context"
	"time"

	"shequ/app/store"
	"shequ/models"
)

// dutySeedVersion names the edition of the seeded departments and tasks; seeding records it.
const dutySeedVersion = "南充市《关于贯彻落实全面深化改革加强基层群众自治和创新城乡社区治理的意见》三、四（二）"

// leadDepartment leads every seeded task: 民政部门“要发挥牵头协调作用，统筹社区建设工作”. The
// leadership group assigns the rest in its 分解落实方案.
const leadDepartment = "民政部门"

// seedDepartments are the departments of 四（二）明确部门职责, each with its duty as the policy
// words it (the text's half-width punctuation written full-width). 规划 and 住建 share one clause.
var seedDepartments = []models.Department{
	{Name: "组织部门", Duty: "组织部门要发挥抓总引领作用，加强基层党组织建设。"},
	{Name: "宣传部门", Duty: "宣传部门负责指导社区群众思想道德和精神文明建设。"},
	{Name: "纪检监察机关", Duty: "纪检监察机关负责指导社区党风廉政建设。"},
	{Name: "社会管理综合治理部门", Duty: "社会管理综合治理部门负责基层社会综合治理协调。"},
	{Name: "人大内司委", Duty: "人大内司委要负责监督指导基层群众自治和社区治理有关法律的贯彻落实。"},
	{Name: "民政部门", Duty: "民政部门要发挥牵头协调作用，统筹社区建设工作。"},
	{Name: "国土资源部门", Duty: "国土资源部门负责优先将社区管理服务设施建设用地纳入年度供地计划，对符合划拨用地目录的单宗社区组织工作用房和居民公益性服务设施用地实行划拨。"},
	{Name: "规划部门", Duty: "规划、住建部门要依据社区建设规划，明确社区组织工作用房和居民公益性服务设施建设的指标及有关要求。"},
	{Name: "住建部门", Duty: "规划、住建部门要依据社区建设规划，明确社区组织工作用房和居民公益性服务设施建设的指标及有关要求。"},
	{Name: "其他相关单位", Duty: "其他相关单位要强化责任意识，发挥各自优势，支持社区建设，形成工作合力。"},
}

// seedItem is one numbered item of 三、主要内容.
type seedItem struct {
	Clause, Title, Content string
	Stage                  models.TaskStage
}

// Seed stores the departments and one task per item of section 三 the first time it runs.
// The tasks are planned in the current year, the first of the three-year work target (二（三）
// “经过3年的努力”), with that target's end as their deadline until the leadership group's
// 分解落实方案 sets its own.
func (s *Service) Seed(ctx context.Context, today time.Time) (depts, tasks int, err error) {
	ds := make([]models.Department, len(seedDepartments))
	for i, d := range seedDepartments {
		d.SeedName, d.Clause = d.Name, "四（二）"
		ds[i] = d
	}
	year := today.Year()
	deadline := time.Date(year+PlanYears-1, 12, 31, 0, 0, 0, 0, time.Local)
	ts := make([]store.SeedTask, len(seedTaskItems))
	for i, it := range seedTaskItems {
		ts[i] = store.SeedTask{LeadSeed: leadDepartment, Task: models.ReformTask{Clause: it.Clause, Title: it.Title,
			Content: it.Content, Stage: it.Stage, Year: year, Deadline: deadline}}
	}
	return s.st.SeedDuties(ctx, dutySeedVersion, ds, ts)
}

// seedTaskItems are the numbered items of 三（一） 1–10 and 三（二） 1–4, word for word; 三（一）2
// alone says 试点 … 全面实施, so it starts in the pilot stage.
var seedTaskItems = []seedItem{
	{Clause: "三（一）1", Title: "建立完善议事制度", Stage: models.TaskStageNone,
		Content: "建立村（居）民议事制度。建立健全村（居）民民主议事制度。明晰议事会成员产生的办法和议事内容、程序和规则，议事会在村（居）民会议授权范围内行使村（社区）自治事务议事权，对村（居）民会议负责并报告工作，接受村（居）民会议和村（居）务监督委员会的监督，推动民主协商的落实。"},
	{Clause: "三（一）2", Title: "建立论证、听证制度", Stage: models.TaskStagePilot,
		Content: "对涉及全体村（居）民切身利益的重大公共服务项目，要召开村（社区）论证会；对涉及部分村（居）民或特定群体的公共服务项目，要召开村（社区）听证会。各乡镇（街道）要积极开展试点，理清村（社区）论证、听证的具体事项，规范工作程序、方法步骤、结果运用，并在试点的基础上总结完善、全面实施。"},
	{Clause: "三（一）3", Title: "建立健全评议工作制度", Stage: models.TaskStageNone,
		Content: "健全村（居）民民主评议村（社区）工作制度，评议工作由乡镇（街道）负责组织。建立村（社区）评议基层党委、政府及相关部门工作制度，评议工作由县级党委、政府负责组织。县级党委、政府要加强对评议结果的分析运用。"},
	{Clause: "三（一）4", Title: "规范完善村规民约和居民公约", Stage: models.TaskStageNone,
		Content: "学习推广“中江经验”，紧紧围绕公共事务管理基本规则和村（居）民道德基本要求，抓住重要事务和热点问题，通过民主协商、充分讨论、集体决策，推动依法制定完善村规民约和居民公约。村规民约和居民公约要紧扣本地实际，具有针对性、实用性和可操作性，做到易记、易懂、易行。"},
	{Clause: "三（一）5", Title: "建立民情恳谈制度", Stage: models.TaskStageNone,
		Content: "基层党委、政府和村（社区）“两委”要定期召开民情恳谈会，宣传党委政府的方针政策、法律法规，倾听和征求村（居）民及辖区单位对社会热点、难点问题的意见、建议，了解掌握社情民意。坚持做好会议记录，做细意见台账，做实意见回复。"},
	{Clause: "三（一）6", Title: "建立小区（院落）自治制度", Stage: models.TaskStageNone,
		Content: "丰富发展居民自治形式，有物业服务企业管理的居民小区（院落），应依法及时成立业主大会和选举产生业主委员会，社区居民委员会应当指导业主大会、业主委员会开展工作，协调业主委员会与物业服务企业关系，维护各方合法利益。探索实行社区居民委员会成员交叉任职或将业主委员会作为小区（院落）自制主体的形式。无物业服务企业管理的小区（院落），应当成立小区（院落）村（居）民自治小组，开展物业服务、维护院落秩序、搞好环境卫生、反映居民诉求、调节居民纠纷等自治活动。"},
	{Clause: "三（一）7", Title: "完善村（居）务监督委员会制度", Stage: models.TaskStageNone,
		Content: "建立健全村（居）务监督委员会运行机制，切实保障村（居）务监督委员会在村（社区）党组织的领导下、在乡镇政府（街道办事处）指导下，独立行使监督权，增强民主监督的刚性。"},
	{Clause: "三（一）8", Title: "规范村（居）务公开制度", Stage: models.TaskStageNone,
		Content: "县（市、区）要建立村（居）务公开统一目录，依法规范村（居）务公开的形式、时间、程序和内容。要注重事前、事中、事后全过程公开，利用网络或手机短信等多种渠道拓展公开形式。继续把财务公开作为村（居）务公开重点，切实保障村（居）民的知情权、参与权、监督权。"},
	{Clause: "三（一）9", Title: "建立健全述职述廉制度", Stage: models.TaskStageNone,
		Content: "村（社区）干部每年向村（居）民代表会议和村（居）务监督委员会进行一次述职述廉，对履职和廉洁自律特别是承诺事项落实情况进行陈述。村（居）民代表会议和村（居）务监督委员会对村（社区）干部述职述廉情况进行民主评议。"},
	{Clause: "三（一）10", Title: "建立问责制度", Stage: models.TaskStageNone,
		Content: "对不履职或履职不到位的村（社区）干部，情节轻微的要批评教育、责令书面检查并限期整改，整改情况要及时向群众公开；情节严重造成重大损失或恶劣影响的，属村（社区）党组织成员的调整工作岗位、依法予以免职或给予纪律处分，属村（居）委会成员依法终止或罢免职务；涉嫌犯罪的，移送司法机关处理。"},
	{Clause: "三（二）1", Title: "开展社区标准化建设", Stage: models.TaskStageNone,
		Content: "贯彻落实全省社区建设分类指导标准，以社区标准化建设和创建国家省级、市级和谐社区示范单位为抓手，全面提高社区组织服务体系、民主制度、服务设施、保障机制和人才队伍建设。"},
	{Clause: "三（二）2", Title: "推进政社分开", Stage: models.TaskStageNone,
		Content: "乡镇政府（街道办事处）应切实转变职能，完善社区服务站，推进服务型政府建设。依法厘清基层政府及其派出机构与基层群众自治组织的职责，精简村（社区）承担的行政性事务，切实减轻村（社区）负担。以县（市、区）为单位，分类建立村（社区）公共服务准入制度目录。凡属于基层政府直接提供服务的项目，不得转嫁给村（居）委会办理；属村（社区）依法协助政府职责的事项，应由基层政府与村（社区）签订委托协议书，以政府购买服务的方式解决并实行“费随事转”；属村（居）委会依法履职的事项，应通过村（居）民自治的方式办理。"},
	{Clause: "三（二）3", Title: "建立基层社区协商机制", Stage: models.TaskStageNone,
		Content: "探索建立和健全基层协商民主制度，以明确协商对象、拓展协商内容、丰富协商形式、规范协商程序为重点，加大工作推进力度和探索创新力度，不断推进基层协商民主的制度化、程序化、规范化，形成以“提议、告知、协商、决策、反馈、监督”为基本环节的基层协商民主机制。"},
	{Clause: "三（二）4", Title: "建立“三社互动”机制", Stage: models.TaskStageNone,
		Content: "以网格化服务管理为依托，建立以社区为平台、以社会组织为载体、以专业社会工作者为支撑的“三社互动”工作机制。大力培育社区服务性、公益性、互助性社会组织，充分发挥其动员村（居）民参与平安村（居）创建、社会治安综合治理等活动和协助基层政府及其派出机构做好劳动就业、社会救助、公共卫生、消费维权等工作的作用，使社区社会组织逐步成为协助政府开展公共事务的主要承接者、组织村（居）民参与社区事务的有力推动者。发展壮大社区社会工作者和社区网络员队伍，推动社区社会工作专业岗位开发和专业人才使用，建立社区专职社会工作者职业水平评价和补贴机制，用社会化、专业化、网格化的服务提升社区治理水平。同时，充分发挥群团组织社会协同作用。"},
}
