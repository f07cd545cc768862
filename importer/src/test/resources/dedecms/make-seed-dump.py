#!/usr/bin/env python3
"""Writes seed-gbk.sql: a mysqldump, GBK encoded, in DedeCMS 5.7's schema, of the seed page
(local-run/src/main/resources/demo/demo-content.json): the 新闻中心 tree with its 13 children and the seed article,
plus three small generated articles (titled 【演示】) that exercise the mapping: one awaiting review (arcrank -1), one in
the recycle bin (-2), and one pinned (sortrank after pubdate) whose title has a character whose second GBK byte is
0x5C (a backslash in ASCII) and a quote. Run from this folder: python3 make-seed-dump.py"""
import json, datetime, pathlib

demo = json.loads(pathlib.Path(__file__).resolve().parents[5].joinpath(
    'local-run/src/main/resources/demo/demo-content.json').read_text(encoding='utf-8'))

def q(s):
    return "'" + s.replace('\\', '\\\\').replace("'", "\\'").replace('\n', '\\n').replace('\r', '\\r') + "'"

def ts(iso):
    return int(datetime.datetime.fromisoformat(iso).timestamp())

out = []
out.append("""-- MySQL dump 10.13  Distrib 5.7.44, for Linux (x86_64)
--
-- Host: localhost    Database: achie
-- ------------------------------------------------------
-- Server version\t5.7.44

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
""")
seed = demo['articles'][0]
def body_html(blocks):
    return ''.join(('<h3>%s</h3>' if b['type'] == 'heading' else '<p>%s</p>') % b['text'] for b in blocks)
slugs = {c['slug']: i + 1 for i, c in enumerate(demo['categories'])}
seed_tid = slugs[seed['category']]
extra = [
    (121, seed_tid, -1, '【演示】园区数字化转型的五个抓手(待审)', '', 'c', '<p>待审核的演示文章。</p>'),
    (122, seed_tid, -2, '【演示】已删除到回收站的文章', '', '', '<p>回收站里的演示文章。</p>'),
    (123, slugs['industrial-planning'], 0, "【演示】置顶:园区“誠信”服务 O'Neil 谈营商环境", '营商环境', 'a,p',
     '<p>置顶的演示文章。</p><p><img src="/uploads/allimg/220107/1-22010F9300.jpg" alt="图"></p>'
     '<script>alert(1)</script><p onclick="x()">正文\\第二段</p>'),
]
out.append("LOCK TABLES `dede_addonarticle` WRITE;\n")
rows = ["(120,%d,%s,'','','127.0.0.1')" % (seed_tid, q(body_html(seed['body'])))]
rows += ["(%d,%d,%s,'','','127.0.0.1')" % (aid, tid, q(body)) for aid, tid, rank, title, kw, flag, body in extra]
out.append("INSERT INTO `dede_addonarticle` VALUES " + ",".join(rows) + ";\n")
out.append("UNLOCK TABLES;\n\n")

out.append("""--
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
""")
pub = ts(seed['publishedAt'])
def archive(aid, tid, sortrank, flag, rank, click, title, source, litpic, pubdate, kw, desc):
    return ("(%d,%d,'0',%d,%s,1,1,%d,%d,0,%s,'','','admin',%s,%s,%d,%d,1,%s,0,0,0,0,0,0,%s,'',1,0,0,%d)"
            % (aid, tid, sortrank, q(flag) if flag else 'NULL', rank, click, q(title), q(source), q(litpic),
               pubdate, pubdate, q(kw), q(desc), aid))
out.append("LOCK TABLES `dede_archives` WRITE;\n")
rows = [archive(120, seed_tid, pub, 'c', 0, 356, seed['title'], seed['source'], '', pub, ','.join(seed['keywords']),
                seed['summary'])]
for i, (aid, tid, rank, title, kw, flag, body) in enumerate(extra):
    p = pub + 86400 * (i + 1)
    rows.append(archive(aid, tid, p + (400 * 86400 if aid == 123 else 0), flag, rank, 57 + i, title,
                        'Newsroom 演示数据(生成)', '/uploads/allimg/220107/1-22010F9300.jpg' if aid == 123 else '', p,
                        kw, '演示生成内容'))
out.append("INSERT INTO `dede_archives` VALUES " + ",\n".join(rows) + ";\n")
out.append("UNLOCK TABLES;\n\n")

out.append("""--
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
""")
out.append("LOCK TABLES `dede_arctype` WRITE;\n")
cols = "`id`, `reid`, `topid`, `sortrank`, `typename`, `typedir`, `isdefault`, `defaultname`, `issend`, `channeltype`, `maxpage`, `ispart`, `corank`, `tempindex`, `templist`, `temparticle`, `namerule`, `namerule2`, `modname`, `description`, `keywords`, `seotitle`, `moresite`, `sitepath`, `siteurl`, `ishidden`, `cross`, `crossid`, `content`, `smalltypes`"
rows = []
for i, c in enumerate(demo['categories']):
    tid = i + 1
    reid = slugs[c['parent']] if c['parent'] else 0
    typedir = '{cmspath}/a/' + ('' if reid == 0 else 'news/') + c['slug'].replace('-', '_')
    rows.append("(%d,%d,%d,%d,%s,%s,-1,'index.html',1,1,-1,0,0,'{style}/index_article.htm',"
                "'{style}/list_article.htm','{style}/article_article.htm','{typedir}/{Y}/{M}{D}/{aid}.html',"
                "'{typedir}/list_{tid}_{page}.html','default','','','',0,'{cmspath}/a','',0,0,'','','')"
                % (tid, reid, 1 if reid else 0, c['sortOrder'], q(c['name']), q(typedir)))
out.append("INSERT INTO `dede_arctype` (" + cols + ") VALUES " + ",\n".join(rows) + ";\n")
out.append("UNLOCK TABLES;\n\n-- Dump completed on 2026-12-06  3:00:00\n")
pathlib.Path(__file__).with_name('seed-gbk.sql').write_bytes(''.join(out).encode('gbk'))
