-- MySQL dump 10.13  Distrib 5.7.44, for Linux (x86_64)
--
-- Host: localhost    Database: achie
-- ------------------------------------------------------
-- Server version	5.7.44

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES gbk */;
/*!40103 SET TIME_ZONE='+00:00' */;

--
-- Table structure for table `dede_addonarticle`
--

DROP TABLE IF EXISTS `dede_addonarticle`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `dede_addonarticle` (
  `aid` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `typeid` smallint(5) unsigned NOT NULL DEFAULT '0',
  `body` mediumtext,
  `redirecturl` varchar(255) NOT NULL DEFAULT '',
  `templet` varchar(30) NOT NULL DEFAULT '',
  `userip` char(15) NOT NULL DEFAULT '',
  PRIMARY KEY (`aid`),
  KEY `typeid` (`typeid`)
) ENGINE=MyISAM DEFAULT CHARSET=gbk;
LOCK TABLES `dede_addonarticle` WRITE;
INSERT INTO `dede_addonarticle` VALUES (120,13,'<p>1月5日,苏州市数字经济时代产业创新集群发展大会召开,以“新年第一会”的昂扬姿态,动员全市上下奋力闯出一条以创新集群引领高质量发展的苏州之路。会议明确,“十四五”时期,苏州将动态投入超1000亿元专项资金,用以支持数字经济时代产业创新集群发展。</p><h3>瞄准数字经济“新赛道”“主赛道”</h3><h3>园区正精准发力</h3><h3>加速提升发展质效</h3><p>围绕生物医药、人工智能、纳米技术应用三大产业创新集群,园区不断聚主体、促协同,加强产业链上下游联动协作,构建产业生态圈,以全领域场景开放为抓手,促进新产品新技术应用,在建设“双一流、新中心”的征程上跑出“加速度”。</p><p>制造业是国民经济的主体,是立国之本、兴国之器、强国之基。园区制造业基础雄厚,多年来形成了“2+3+1”为代表的现代产业体系,其中两大主导产业新一代信息技术、高端装备制造产业规模双双突破2000亿元大关,合计占比逾七成。</p><p>在园区,世界500强企业博世布局了四大厂区和办公地点,包括汽车电子、底盘控制系统、智能驾驶与控制、博世智能制造解决方案等7个事业部。日前,“苏州工业园区博世智改数转赋能中心”项目正式签约,作为园区与博世苏州公司合作共建的平台,双方将携手合作将园区有能力的服务机构和有意愿参与诊断改造的制造业企业链接为伙伴,通过供需双方对接合作,共同推动园区智能制造更快发展,未来三年业务额有望突破1亿元,成为园区工业互联网典型新应用以及实践教育推广的重要窗口。</p><p>数字经济浪潮来袭,近年来,园区积极作为,聚焦存量提质增效,牢牢把握产业数字化发展趋势,全力推动制造业企业智能化改造和数字化转型,2021年全年推动“智改数转”项目1461个,完成相关投资约139亿元,规上工业企业93%以上已实现生产机械化,75%以上实现管理智能化。</p><h3>为加速推动制造向“智造”转型</h3><p>园区成立数字经济和数字化发展工作专班,创新设立首席数字官制度并全市推广,促进数据开发利用、数据开放共享和工业互联网等新一代信息技术落地应用。</p><p>建立“摸排-诊断-对接-改造-标杆建设”完整工作推进系统,面向规上工业企业进行需求摸排,遴选优质服务商开展现场诊断服务,加强各类资源的有效对接。</p><p>以制造业需方伙伴为核心,发动政府伙伴、服务伙伴、协同伙伴共同构建“3+X智改数转”生态圈,截至目前需方伙伴服务覆盖率和项目建设率为100%。</p><h3>创新成为“先锋队”</h3><p>数字经济背景下的产业创新集群建设,需要“加速器”,也需要“强引擎”。根据《苏州市推进数字经济时代产业创新集群发展指导意见》,园区将聚焦生物医药、人工智能、纳米技术应用三大领域加快形成高端创新集群。</p><p>事实上,十几年前,园区就把科技创新摆在重要的位置,以创新驱动新一轮发展。如今,生物医药、人工智能、纳米技术应用三大新兴产业总产值突破3000亿元,增长20.3%,其中,生物医药产业综合竞争力跃居全国首位,纳米新材料集群成为全市唯一的国家级先进制造业集群,3家企业入选“2021中国微纳半导体十强”,成为推动整个区域产业发展的“先锋队”。</p><p>去年3月,国家生物药技术创新中心、国家第三代半导体技术创新中心、国家新一代人工智能创新发展试验区核心区三大国家级平台落户苏州工业园区,为园区的高质量发展构建了新的科技创新矩阵。“一区两中心”是国家赋予园区的重大使命和战略任务,也成为园区提升创新策源功能、推进高质量发展的重大载体和动力引擎。</p><p>几个月前,由百奥赛图牵头成立的多玛医药宣布在苏州生物医药产业园落地运营。不同于一般的产品型企业,多玛医药目标是建成孵化平台——专业孵化前沿领域的创新型生物技术公司,助其打造世界一流研发平台和产品管线。一个完整的产业生态中,平台型企业是提升产业能级的重要动力。由港股公司百奥赛图牵头,背靠中国人寿、中国人保、国投集团三大央企与招银国际、园区管委会等主要投资方,多玛医药不光是一个平台,更是园区集聚创新资源、营造更优产业生态,建设国家生物药技术创新中心的一次探索。</p><p>在一次次攻关、一项项突破中,创新浓度加速提升。随着“一区两中心”实施方案编制完成,园区瞄准核心技术攻关、公共平台建设、成果转化孵化、应用场景开放、创新生态营造等领域按下了创新“快进键”。</p><h3>集群构筑“生态圈”</h3><p>“园区是一个无论‘地缘’还是‘人缘’都非常适合创新活动的地方。”在苏州市数字经济时代产业创新集群发展大会上,企查查作为企业代表交流发言,CEO杨京毫不吝啬对园区的赞美。自2014年成立至今,企查查从一家“白手起家”的软件企业,成长为移动端企业信用查询工具市场占有率第一的行业领跑者,这背后,是园区为创新构筑的集群式“生态系统”。</p><h3>作为数字经济时代产业</h3><h3>创新集群发展的主阵地</h3><h3>园区围绕人才、平台、载体、资本等环节</h3><h3>持续优化创新环境</h3><p>提档升级“金鸡湖人才计划”,发布外国人才工作生活便利化服务19项举措,试行长三角地区外国高端人才互认,入选国家及省市级领军人才数保持全国开发区和省市第一。</p><p>强化科技金融支持力度,创新设立“战疫贷”“关助融”“苗圃贷”等金融产品,构建覆盖创新型企业全生命周期的科技金融服务体系,发行全国首单知识产权质押双创债、全省首单知识产权证券化产品。</p><p>强化资源要素保障,不断新增产业载体,累计建成创新载体超1000万平方米,上市企业产业园、金光科技产业园、企业总部基地、现代服务业产业园等加快建设。</p><p>优化科技企业服务,依托企业发展服务中心,提供“一站式”服务,实现对5万家科技型中小企业全覆盖,打造一批标志性品牌展会,推进产业高端要素有效对接。</p>','','','127.0.0.1'),(121,13,'<p>待审核的演示文章。</p>','','','127.0.0.1'),(122,13,'<p>回收站里的演示文章。</p>','','','127.0.0.1'),(123,12,'<p>置顶的演示文章。</p><p><img src="/uploads/allimg/220107/1-22010F9300.jpg" alt="图"></p><script>alert(1)</script><p onclick="x()">正文\\第二段</p>','','','127.0.0.1');
UNLOCK TABLES;

--
-- Table structure for table `dede_archives`
--

DROP TABLE IF EXISTS `dede_archives`;
CREATE TABLE `dede_archives` (
  `id` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `typeid` smallint(5) unsigned NOT NULL DEFAULT '0',
  `typeid2` varchar(90) NOT NULL DEFAULT '0',
  `sortrank` int(10) unsigned NOT NULL DEFAULT '0',
  `flag` set('c','h','p','f','s','j','a','b') DEFAULT NULL,
  `ismake` smallint(6) NOT NULL DEFAULT '0',
  `channel` smallint(6) NOT NULL DEFAULT '1',
  `arcrank` smallint(6) NOT NULL DEFAULT '0',
  `click` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `money` smallint(6) NOT NULL DEFAULT '0',
  `title` char(60) NOT NULL DEFAULT '',
  `shorttitle` char(36) NOT NULL DEFAULT '',
  `color` char(7) NOT NULL DEFAULT '',
  `writer` char(20) NOT NULL DEFAULT '',
  `source` char(30) NOT NULL DEFAULT '',
  `litpic` char(100) NOT NULL DEFAULT '',
  `pubdate` int(10) unsigned NOT NULL DEFAULT '0',
  `senddate` int(10) unsigned NOT NULL DEFAULT '0',
  `mid` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `keywords` char(30) NOT NULL DEFAULT '',
  `lastpost` int(10) unsigned NOT NULL DEFAULT '0',
  `scores` mediumint(8) NOT NULL DEFAULT '0',
  `goodpost` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `badpost` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `voteid` mediumint(8) NOT NULL,
  `notpost` tinyint(1) unsigned NOT NULL DEFAULT '0',
  `description` varchar(255) NOT NULL DEFAULT '',
  `filename` varchar(40) NOT NULL DEFAULT '',
  `dutyadmin` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `tackid` int(10) NOT NULL DEFAULT '0',
  `mtype` mediumint(8) unsigned NOT NULL DEFAULT '0',
  `weight` int(10) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`),
  KEY `sortrank` (`sortrank`)
) ENGINE=MyISAM DEFAULT CHARSET=gbk;
LOCK TABLES `dede_archives` WRITE;
INSERT INTO `dede_archives` VALUES (120,13,'0',1641517200,'c',1,1,0,356,0,'打造数字经济时代产业创新集群,园区这么干!','','','admin','高新院 achie.org','',1641517200,1641517200,1,'数字经济,产业创新集群,智改数转,苏州工业园区',0,0,0,0,0,0,'1月5日,苏州市数字经济时代产业创新集群发展大会召开,以“新年第一会”的昂扬姿态,动员全市上下奋力闯出一条以创新集群引领高质量发展的苏州之路。会议明确,“十四五”时期,苏州将动态投入超1000亿元专项资金,用以支持数字经济时代产业创新集群发','',1,0,0,120),
(121,13,'0',1641603600,'c',1,1,-1,57,0,'【演示】园区数字化转型的五个抓手(待审)','','','admin','Newsroom 演示数据(生成)','',1641603600,1641603600,1,'',0,0,0,0,0,0,'演示生成内容','',1,0,0,121),
(122,13,'0',1641690000,NULL,1,1,-2,58,0,'【演示】已删除到回收站的文章','','','admin','Newsroom 演示数据(生成)','',1641690000,1641690000,1,'',0,0,0,0,0,0,'演示生成内容','',1,0,0,122),
(123,12,'0',1676336400,'a,p',1,1,0,59,0,'【演示】置顶:园区“誠信”服务 O\'Neil 谈营商环境','','','admin','Newsroom 演示数据(生成)','/uploads/allimg/220107/1-22010F9300.jpg',1641776400,1641776400,1,'营商环境',0,0,0,0,0,0,'演示生成内容','',1,0,0,123);
UNLOCK TABLES;

--
-- Table structure for table `dede_arctype`
--

DROP TABLE IF EXISTS `dede_arctype`;
CREATE TABLE `dede_arctype` (
  `id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `reid` smallint(5) unsigned NOT NULL DEFAULT '0',
  `topid` smallint(5) unsigned NOT NULL DEFAULT '0',
  `sortrank` smallint(5) unsigned NOT NULL DEFAULT '50',
  `typename` char(30) NOT NULL DEFAULT '',
  `typedir` char(60) NOT NULL DEFAULT '',
  `isdefault` smallint(6) NOT NULL DEFAULT '0',
  `defaultname` char(15) NOT NULL DEFAULT 'index.html',
  `issend` smallint(6) NOT NULL DEFAULT '0',
  `channeltype` smallint(6) DEFAULT '1',
  `maxpage` smallint(6) NOT NULL DEFAULT '-1',
  `ispart` smallint(6) NOT NULL DEFAULT '0',
  `corank` smallint(6) NOT NULL DEFAULT '0',
  `tempindex` char(50) NOT NULL DEFAULT '',
  `templist` char(50) NOT NULL DEFAULT '',
  `temparticle` char(50) NOT NULL DEFAULT '',
  `namerule` char(50) NOT NULL DEFAULT '',
  `namerule2` char(50) NOT NULL DEFAULT '',
  `modname` char(20) NOT NULL DEFAULT '',
  `description` char(150) NOT NULL DEFAULT '',
  `keywords` varchar(60) NOT NULL DEFAULT '',
  `seotitle` varchar(80) NOT NULL DEFAULT '',
  `moresite` tinyint(1) unsigned NOT NULL DEFAULT '0',
  `sitepath` char(60) NOT NULL DEFAULT '',
  `siteurl` char(50) NOT NULL DEFAULT '',
  `ishidden` smallint(6) NOT NULL DEFAULT '0',
  `cross` tinyint(1) NOT NULL DEFAULT '0',
  `crossid` text,
  `content` text,
  `smalltypes` text,
  PRIMARY KEY (`id`),
  KEY `reid` (`reid`,`ishidden`,`channeltype`,`ispart`,`corank`),
  KEY `topid` (`topid`),
  KEY `ispart` (`ispart`)
) ENGINE=MyISAM AUTO_INCREMENT=15 DEFAULT CHARSET=gbk;
LOCK TABLES `dede_arctype` WRITE;
INSERT INTO `dede_arctype` (`id`, `reid`, `topid`, `sortrank`, `typename`, `typedir`, `isdefault`, `defaultname`, `issend`, `channeltype`, `maxpage`, `ispart`, `corank`, `tempindex`, `templist`, `temparticle`, `namerule`, `namerule2`, `modname`, `description`, `keywords`, `seotitle`, `moresite`, `sitepath`, `siteurl`, `ishidden`, `cross`, `crossid`, `content`, `smalltypes`) VALUES (1,0,0,1,'新闻中心','{cmspath}/a/news',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(2,1,1,10,'高新院新闻','{cmspath}/a/news/institute_news',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(3,1,1,20,'政策解读','{cmspath}/a/news/policy_interpretation',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(4,1,1,30,'高新区新闻','{cmspath}/a/news/hightech_zone_news',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(5,1,1,40,'区域经济研究','{cmspath}/a/news/regional_economy_research',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(6,1,1,50,'经济开发区新闻','{cmspath}/a/news/development_zone_news',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(7,1,1,60,'科技创新','{cmspath}/a/news/tech_innovation',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(8,1,1,70,'战略性新兴产业研究','{cmspath}/a/news/emerging_industries_research',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(9,1,1,80,'行业洞见','{cmspath}/a/news/industry_insights',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(10,1,1,90,'一带一路新闻','{cmspath}/a/news/belt_and_road_news',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(11,1,1,100,'智慧城市案例','{cmspath}/a/news/smart_city_cases',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(12,1,1,110,'产业规划','{cmspath}/a/news/industrial_planning',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(13,1,1,120,'园区规划','{cmspath}/a/news/park_planning',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','',''),
(14,1,1,130,'智慧城市news','{cmspath}/a/news/smart_city_news',-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm','{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html','{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','','');
UNLOCK TABLES;

-- Dump completed on 2026-12-06  3:00:00
