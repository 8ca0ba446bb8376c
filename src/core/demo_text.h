// Private to demo.cpp: the phrase tables the demo generator assembles messages from.
//
// Every sentence here was written for SellerDesk (the seed articles supplied facts only).
// Placeholders in braces are filled per conversation by demo.cpp:
//   {first} {name} {handle} {item} {short} {order} {carrier} {tracking} {tracking2} {agent}
//   {store} {city} {amount} {fee} {pdate} {sdate} {edd} {dlv} {days} {parcels} {street}
//   {country} {price} {model} {mkt} {txn} {followup} {company}
// A message is built from slots (greeting, problem, detail, closing...), each with several
// variants, so that a large dataset does not read like copies of one letter.
#pragma once
#include <cstddef>
#include <cstdint>

namespace sd {
namespace demo_text {

struct Pool {
    const char* const* v = nullptr;
    uint32_t n = 0;
};
template <size_t N>
constexpr Pool P(const char* const (&a)[N]) {
    return Pool{a, uint32_t(N)};
}
constexpr Pool kEmpty{};

// ---- scenes: what a conversation is about, finer than sd::Topic ------------------------------
enum Scene : uint8_t {
    kScProductQuestion,
    kScPrice,
    kScSpam,
    kScOrderStatus,
    kScInr,
    kScInrDelivered,     // tracking says delivered, buyer has nothing
    kScNad,
    kScDamaged,
    kScReturn,
    kScCancelUnshipped,
    kScCancelShipped,
    kScAddressUnshipped,
    kScAddressShipped,
    kScCustoms,
    kScUsage,
    kScInvoice,
    kScFeedback,
    kScOther,
    // Wish's pre-shipping problem templates (address / post office / overweight split /
    // customs uses kScCustoms / returned to sender / lost, reshipped / damaged, resent / other
    // uses kScOther).
    kScWishAddress,
    kScWishPostOffice,
    kScWishSplit,
    kScWishReturned,
    kScWishLost,
    kScWishDamaged,
    kSceneCount
};

// ---- item catalogue ----------------------------------------------------------------------------
enum Category : uint8_t { kCatPhone, kCatLed, kCatKitchen, kCatFitness, kCatHair, kCatJewelry,
                          kCatApparel, kCatPet, kCatHome, kCatCar, kCategoryCount };

struct Item {
    const char* title;
    const char* short_name;
    const char* sku;
    int usd_cents;          // list price in US cents
    Category cat;
};

inline constexpr Item kItems[] = {
    {"Shockproof Clear Case for iPhone 15 Pro Max, MagSafe Compatible", "phone case", "BN-PC15PM-CLR", 1599, kCatPhone},
    {"Silicone Phone Case for Samsung Galaxy S24, Soft Microfiber Lining", "phone case", "BN-PCS24-SIL", 1299, kCatPhone},
    {"Tempered Glass Screen Protector for iPhone 14/15, 3-Pack", "screen protector pack", "BN-SP1415-3P", 899, kCatPhone},
    {"15W Magnetic Wireless Charger Stand, Foldable", "wireless charger", "BN-WC15-STD", 2499, kCatPhone},
    {"LED Strip Lights 16.4 ft RGB with Remote and App Control", "LED light strip", "BN-LED5M-RGB", 1999, kCatLed},
    {"Sunset Projection Lamp, 16 Colors, USB Powered", "sunset lamp", "BN-SPL16-USB", 2299, kCatLed},
    {"Solar String Lights Outdoor 40 ft, Waterproof, 8 Modes", "string light set", "BN-SSL40-WP", 2799, kCatLed},
    {"Handheld Electric Milk Frother, USB Rechargeable", "milk frother", "BN-MF01-BLK", 1699, kCatKitchen},
    {"12-in-1 Vegetable Chopper with Container and Blades", "vegetable chopper", "BN-VC12-GRN", 2999, kCatKitchen},
    {"Silicone Stretch Lids, Set of 12, BPA Free", "lid set", "BN-SL12-MIX", 1199, kCatKitchen},
    {"Stainless Steel Garlic Press with Silicone Peeler", "garlic press", "BN-GP02-SS", 1399, kCatKitchen},
    {"Non-Slip Yoga Mat 10mm Extra Thick with Carrying Strap", "yoga mat", "BN-YM10-PUR", 2899, kCatFitness},
    {"Resistance Bands Set, 5 Levels, with Door Anchor and Handles", "resistance band set", "BN-RB5-SET", 2199, kCatFitness},
    {"Adjustable Speed Jump Rope with Ball Bearings", "jump rope", "BN-JR01-BLK", 999, kCatFitness},
    {"Body Wave Lace Front Wig 22 inch, Natural Black", "wig", "BN-WG22-BW", 6999, kCatHair},
    {"Short Bob Wig with Bangs, Heat Resistant Fiber", "bob wig", "BN-WGBOB-BRN", 3499, kCatHair},
    {"Clip-in Hair Extensions 18 inch, 7 Pieces", "hair extension set", "BN-HE18-7P", 3999, kCatHair},
    {"Sterling Silver Heart Pendant Necklace for Women", "necklace", "BN-NK925-HRT", 2599, kCatJewelry},
    {"Stainless Steel Stackable Rings, Set of 5", "ring set", "BN-RG5-GLD", 1499, kCatJewelry},
    {"14K Gold Plated Hoop Earrings, Hypoallergenic", "pair of earrings", "BN-ER14K-HP", 1799, kCatJewelry},
    {"Women's High Waist Leggings with Pockets", "pair of leggings", "BN-LG-HW-BLK", 2299, kCatApparel},
    {"Men's Quick-Dry Hiking Shorts with Zip Pockets", "pair of hiking shorts", "BN-SH-QD-KHK", 2699, kCatApparel},
    {"Knitted Winter Beanie with Pom Pom", "beanie", "BN-BN-PP-GRY", 1299, kCatApparel},
    {"Cat Water Fountain 2.5L with LED Light and Filters", "water fountain", "BN-PF25-WHT", 2999, kCatPet},
    {"Self-Cleaning Slicker Brush for Dogs and Cats", "pet brush", "BN-PB-SC-BLU", 1399, kCatPet},
    {"No-Pull Dog Harness, Reflective, Adjustable", "dog harness", "BN-DH-NP-RED", 2199, kCatPet},
    {"Over-the-Door Shoe Organizer, 24 Pockets", "shoe organizer", "BN-SO24-CLR", 1599, kCatHome},
    {"Blackout Curtains 52 x 84 inch, 2 Panels", "curtain set", "BN-BC5284-NVY", 3299, kCatHome},
    {"Expandable Bamboo Drawer Organizer", "drawer organizer", "BN-DO-BMB", 2499, kCatHome},
    {"Car Phone Mount for Air Vent, 360 Degree Rotation", "phone mount", "BN-CM-AV360", 1299, kCatCar},
    {"Dual USB-C Car Charger 48W Fast Charging", "car charger", "BN-CC48-DUAL", 1599, kCatCar},
};

struct ZhItem {
    const char* title;
    const char* short_name;
    const char* sku;
    int cny_cents;
    const char* usage_q;     // buyer's how-to question
    const char* usage_a;     // agent's answer
    const char* presale_q;   // buyer's pre-sale question
    const char* presale_a;
};

inline constexpr ZhItem kZhItems[] = {
    {"加厚防滑瑜伽垫 10mm 初学者健身垫 送背带", "瑜伽垫", "TM-YJD10-ZS", 8900,
     "瑜伽垫拆开有点味道，正常吗？怎么去味？",
     "亲，新垫子有轻微橡胶味是正常的哦，放在通风处晾2-3天就会散掉，不要暴晒，可以用湿布擦一擦~",
     "这个垫子多厚？膝盖跪着会不会疼？",
     "亲，这款是10mm加厚的，跪姿和平板支撑都不会硌膝盖，很适合初学者哦~"},
    {"LED氛围灯带 5米 RGB 蓝牙APP控制 可剪裁", "灯带", "TM-LED5M-APP", 5900,
     "灯带怎么连APP啊？一直搜不到设备",
     "亲，先打开手机蓝牙和定位权限，再在APP里点右上角“+”添加设备，灯带通电后靠近手机1米内就能搜到啦~",
     "灯带可以剪短吗？我只需要3米",
     "可以的亲，每隔3颗灯珠有剪口标记，沿着剪口剪就行，剪下来的部分不能再接回去哦~"},
    {"适用iPhone15ProMax 磁吸透明手机壳 防摔不发黄", "手机壳", "TM-SJK15PM", 3900,
     "手机壳太紧了，装不进去怎么办？",
     "亲，先把手机底部对准壳子下方塞进去，再从两侧往上按，最后按顶部就好啦，新壳子会稍紧一些，用几天就合适了~",
     "这个壳子支持磁吸充电吗？",
     "支持的亲，内置磁环，MagSafe充电器和磁吸支架都能直接用~"},
    {"手持电动奶泡器 充电款 咖啡打奶器", "奶泡器", "TM-NPQ-USB", 4900,
     "奶泡器怎么清洗？可以泡水里吗？",
     "亲，只清洗搅拌头部分就可以，放在温水里开机转几秒就干净了，机身不要泡水哦~",
     "充一次电能用多久？",
     "亲，充满电大概能用一个月左右（每天打一两杯的话），Type-C接口充电~"},
    {"多功能切菜器 家用12件套 带收纳盒", "切菜器", "TM-QCQ-12J", 6900,
     "切菜器的刀片怎么换？",
     "亲，把盖子打开，捏住刀片两侧的卡扣往上提就能取下，换的时候对准卡槽按下去听到“咔”一声就装好了，注意别碰刀口哦~",
     "刀片是不锈钢的吗？会生锈吗？",
     "亲，刀片是食品级不锈钢的，用完擦干保存就不会生锈哦~"},
    {"真发丝齐肩短发假发 自然黑 蕾丝头套", "假发", "TM-JF-QJ-HS", 19900,
     "假发怎么洗？洗了会不会毛躁？",
     "亲，用温水加少量洗发水轻轻按压清洗，不要搓揉，洗完用护发素，放在假发架上自然晾干就不会毛躁啦~",
     "头围大能戴吗？可以调节吗？",
     "可以的亲，内网有调节扣，头围52-58cm都能戴~"},
    {"925银爱心项链 女款 锁骨链 生日礼物", "项链", "TM-XL925-AX", 15900,
     "项链戴了几天有点发黑，怎么办？",
     "亲，925银接触汗水和空气会氧化发黑，用我们送的擦银布轻轻擦一下就亮了，洗澡游泳时记得摘下来哦~",
     "是真银的吗？过敏体质能戴吗？",
     "亲，是S925银的，有检测证书，一般过敏体质也能放心戴~"},
    {"高腰鲨鱼裤 女 外穿 收腹提臀 秋冬加绒", "鲨鱼裤", "TM-SYK-GY-M", 7900,
     "鲨鱼裤可以机洗吗？",
     "亲，建议翻面放洗衣袋里轻柔机洗，水温不超过30度，不要烘干，这样不容易起球~",
     "我身高165体重55公斤，穿什么码？",
     "亲，按您的身高体重建议选M码，喜欢宽松一点可以选L码~"},
    {"猫咪自动饮水机 2.5L 静音循环 带滤芯", "饮水机", "TM-YSJ-25L", 12900,
     "饮水机声音有点大，是坏了吗？",
     "亲，水位太低时水泵会有声音，加水到最高水位线就会很安静了，另外可以检查一下水泵有没有装到底~",
     "滤芯多久换一次？",
     "亲，建议2-4周换一次滤芯，多猫家庭可以2周换一次~"},
    {"门后挂式鞋架 24格 免打孔 收纳袋", "鞋架", "TM-XJ-24G", 3900,
     "挂钩挂不上门，门太厚了怎么办？",
     "亲，我们的挂钩适用2-4.5cm厚的门，如果门更厚，可以联系我们免费补寄加长挂钩~",
     "能放大码的男鞋吗？",
     "亲，每格可以放44码以内的鞋，高帮鞋可能会有点挤哦~"},
    {"车载手机支架 出风口 360度旋转 重力夹", "手机支架", "TM-SJZJ-360", 2900,
     "支架夹不紧出风口，老是掉",
     "亲，先把出风口卡扣的螺母拧松，卡到叶片最里面后再拧紧，就会很稳啦~",
     "支架适合多大的手机？",
     "亲，4.7到7寸的手机都能夹住，带壳也可以~"},
};

// ---- people --------------------------------------------------------------------------------------
inline constexpr const char* kAgentsEn[] = {"Lily Wang", "Kevin Zhou", "Amy Chen", "Jason Liu", "Cindy Zhang",
                                            "Eric Huang", "Grace Lin", "Tony Xu", "Sunny Li", "Vivian Guo"};
inline constexpr const char* kAgentsZh[] = {"小王", "李娜", "小美", "阿杰", "陈晓", "小周", "婷婷", "小林"};

inline constexpr const char* kFirstUs[] = {
    "James", "Maria", "Ashley", "Michael", "Jessica", "David", "Brittany", "Carlos", "Jennifer", "Tyler",
    "Keisha", "Amanda", "Jose", "Emily", "Brandon", "Linda", "Robert", "Sarah", "Marcus", "Megan",
    "Daniel", "Nicole", "Anthony", "Priya", "Hannah", "Luis", "Rachel", "Derek", "Tanya", "Olivia",
    "Ethan", "Destiny", "Kyle", "Gloria", "Trevor", "Alicia"};
inline constexpr const char* kLastUs[] = {
    "Smith", "Johnson", "Lopez", "Nguyen", "Carter", "Williams", "Brown", "Garcia", "Miller", "Davis",
    "Martinez", "Wilson", "Anderson", "Thomas", "Jackson", "White", "Harris", "Patel", "Kim", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Hill", "Green", "Adams",
    "Baker", "Nelson", "Rivera", "Campbell", "Mitchell", "Roberts", "Phillips", "Evans", "Turner", "Parker"};
inline constexpr const char* kFirstCa[] = {"Liam", "Emma", "Noah", "Chloe", "Owen", "Sophie", "Mathieu",
                                           "Ava", "Connor", "Isabelle", "Jacob", "Megan", "Ryan", "Zoe"};
inline constexpr const char* kLastCa[] = {"Tremblay", "Gagnon", "Roy", "MacDonald", "Campbell", "Smith",
                                          "Brown", "Wilson", "Martin", "Leblanc", "Singh", "Chen", "Taylor"};
inline constexpr const char* kFirstGb[] = {"Oliver", "Charlotte", "Harry", "Amelia", "George", "Isla",
                                           "Jack", "Sophie", "Thomas", "Emily", "William", "Grace",
                                           "Lucy", "Callum", "Niamh", "Rhys", "Eleanor", "Alfie", "Poppy", "Jade"};
inline constexpr const char* kLastGb[] = {"Hughes", "Evans", "Taylor", "Davies", "Wilson", "Roberts",
                                          "Walker", "Thompson", "Clarke", "Robinson", "Wood", "Hall",
                                          "Lewis", "Jones", "Patel", "Khan", "Murphy", "Reid", "Campbell",
                                          "Price"};
inline constexpr const char* kFirstDe[] = {"Lukas", "Anna", "Jonas", "Lea", "Felix", "Marie", "Leon",
                                           "Sophie", "Paul", "Laura", "Maximilian", "Julia", "Tobias",
                                           "Katharina", "Jan", "Sarah", "Niklas", "Hannah", "Sebastian", "Lena"};
inline constexpr const char* kLastDe[] = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
                                          "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter",
                                          "Klein", "Wolf", "Schröder", "Neumann", "Braun", "Zimmermann",
                                          "Krüger", "Hartmann"};
inline constexpr const char* kFirstFr[] = {"Camille", "Lucas", "Manon", "Hugo", "Léa", "Louis", "Chloé",
                                           "Jules", "Inès", "Gabriel", "Sarah", "Arthur", "Emma", "Nathan",
                                           "Julie", "Thomas"};
inline constexpr const char* kLastFr[] = {"Martin", "Bernard", "Dubois", "Robert", "Richard", "Petit",
                                          "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre",
                                          "Michel", "Fontaine", "Rousseau", "Girard"};
inline constexpr const char* kSurnameZh[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                             "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
                                             "郑", "梁"};
inline constexpr const char* kGivenZh[] = {"婷", "雨涵", "子轩", "浩然", "欣怡", "梓萱", "俊杰", "晓明",
                                           "丽娟", "志强", "佳琪", "宇航", "静", "磊", "敏", "思远",
                                           "一诺", "可欣", "文博", "嘉怡", "芳", "建国", "小燕", "鹏"};

inline constexpr const char* kCitiesUs[] = {"Houston", "Phoenix", "Columbus", "Denver", "Atlanta", "Chicago",
                                            "Los Angeles", "Charlotte", "Seattle", "Nashville", "Tampa",
                                            "Sacramento", "Memphis", "Pittsburgh"};
inline constexpr const char* kCitiesGb[] = {"Manchester", "Leeds", "Bristol", "Glasgow", "Birmingham",
                                            "Cardiff", "Norwich", "Sheffield"};
inline constexpr const char* kCitiesDe[] = {"Berlin", "Hamburg", "Cologne", "Leipzig", "Frankfurt", "Dortmund",
                                            "Munich", "Bremen"};
inline constexpr const char* kCitiesCa[] = {"Toronto", "Calgary", "Ottawa", "Winnipeg", "Halifax",
                                            "Vancouver", "Edmonton"};
inline constexpr const char* kCitiesFr[] = {"Lyon", "Lille", "Toulouse", "Nantes", "Bordeaux", "Paris",
                                            "Strasbourg"};
inline constexpr const char* kCitiesCn[] = {"上海", "杭州", "成都", "武汉", "广州", "南京", "西安", "北京",
                                            "深圳", "长沙", "郑州", "重庆"};

inline constexpr const char* kStreetsUs[] = {"742 Maple Ave, Apt 3B", "1180 W Oak St", "56 Ridgeview Dr",
                                             "2215 Lincoln Blvd, Unit 12", "903 Cedar Ln", "47 Pine Hollow Rd"};
inline constexpr const char* kStreetsGb[] = {"14 Kingsley Road", "Flat 2, 88 Victoria Street", "7 Mill Lane",
                                             "23 Church Close"};
inline constexpr const char* kStreetsDe[] = {"Lindenstrasse 12", "Bahnhofstrasse 5a", "Gartenweg 3",
                                             "Am Markt 17"};
inline constexpr const char* kStreetsCa[] = {"415 King St W, Apt 1204", "88 Lakeshore Rd", "12 Maple Cres"};
inline constexpr const char* kStreetsFr[] = {"12 rue des Lilas", "5 avenue Jean Jaures", "27 rue du Port"};

inline constexpr const char* kPhoneModels[] = {"iPhone 15 Pro", "iPhone 14", "Galaxy S24", "Pixel 8",
                                               "iPhone 13 mini", "Galaxy A54"};
inline constexpr const char* kCompanies[] = {"Greenleaf Studio LLC", "Harbor Fitness", "Blue Fern Design",
                                             "Northside Dental", "Weber Handel GmbH"};

// ---- English buyers ------------------------------------------------------------------------------
// Styles: 0 = US/CA, 1 = UK, 2 = DE/FR (English as a second language).
inline constexpr const char* kGreetUs[] = {"Hi,", "Hello,", "Hi there,", "Hey,", "Good morning,", "Hello there,",
                                           "", "", "Hi {store},"};
inline constexpr const char* kGreetGb[] = {"Hello,", "Hi,", "Good afternoon,", "Dear seller,", "Hiya,",
                                           "Hello there,", ""};
inline constexpr const char* kGreetEu[] = {"Hello,", "Dear Sir or Madam,", "Good day,", "Hello seller,", "Hi,",
                                           "Dear {store} team,"};
inline constexpr Pool kGreetBuyer[3] = {P(kGreetUs), P(kGreetGb), P(kGreetEu)};

inline constexpr const char* kCloseUsPolite[] = {"Thanks so much!", "Thank you!", "Appreciate your help.",
                                                 "Thanks in advance.", "Thank you, have a great day.",
                                                 "Thanks!!"};
inline constexpr const char* kCloseGbPolite[] = {"Many thanks.", "Cheers.", "Kind regards,", "Thanks very much.",
                                                 "Best wishes,", "Thanks in advance,"};
inline constexpr const char* kCloseEuPolite[] = {"Thank you very much.", "Best regards,", "Many greetings,",
                                                 "Thank you for your help.", "Kind regards,",
                                                 "I am waiting for your answer. Thank you."};
inline constexpr const char* kCloseNeutral[] = {"Thanks.", "Let me know.", "Please advise.",
                                                "Waiting for your reply.", "Thx", "Regards,"};
inline constexpr const char* kCloseImpatient[] = {
    "Please reply ASAP.", "I need an answer today.", "This is really frustrating.",
    "If I don't hear back I will contact {mkt} support.", "Not happy at all.",
    "Please sort this out quickly.", "I expect a quick response."};
inline constexpr Pool kClosePolite[3] = {P(kCloseUsPolite), P(kCloseGbPolite), P(kCloseEuPolite)};

inline constexpr const char* kSignBuyer[] = {"\n{first}", "\n\n{name}", "\n- {first}", "", "", "\n{first}"};

// Problem statements per scene (first buyer message). Empty pool = category-specific text.
inline constexpr const char* kOpenOrderStatus[] = {
    "I placed an order for the {short} on {pdate} and I haven't seen any shipping update since.",
    "Can you tell me when order {order} will arrive? The tracking hasn't moved in days.",
    "Just checking on my order. It says shipped on {sdate} but tracking number {tracking} still shows the same status.",
    "Where is my order? I bought the {short} on {pdate}.",
    "my order still says in transit, is it actually coming?",
    "Could you please let me know where my parcel is? Order number {order}.",
    "When will my {short} be delivered? I ordered it on {pdate}."};
inline constexpr const char* kDetailOrderStatus[] = {
    "I need it before the weekend if possible.", "The estimated delivery was {edd}.",
    "It was supposed to be a birthday present.",
    "I checked the {carrier} website and it only says the label was created.",
    "Nothing comes up when I enter the tracking number.", "", ""};
inline constexpr const char* kOpenInr[] = {
    "My order of the {short} still hasn't arrived. It was supposed to be here by {edd}.",
    "I have not received my package. Tracking number {tracking} has not updated for over a week.",
    "It's been {days} days since I ordered and still nothing. The delivery date ({edd}) has passed.",
    "Order {order} never arrived.",
    "I ordered the {short} on {pdate} and I am still waiting for it.",
    "Until now the package did not arrive. I ordered on {pdate}.",
    "Still no sign of my {short}. What is going on with this order?"};
inline constexpr const char* kDetailInr[] = {
    "I've been patient but this is getting ridiculous.", "Can you please check with {carrier}?",
    "I would like a refund if it can't be found.", "Please send a replacement or refund me.",
    "The last scan was in {city} more than a week ago.", "", ""};
inline constexpr const char* kOpenInrDelivered[] = {
    "Tracking says my package was delivered on {dlv} but there is nothing here. I asked my neighbors too.",
    "The tracking shows delivered but I never got it. Order {order}.",
    "{carrier} says the parcel was delivered yesterday, but it's not at my door or in the mailbox.",
    "My order shows as delivered but I did not receive anything!"};
inline constexpr const char* kDetailInrDelivered[] = {
    "I checked with the front desk of my building as well.", "Can you open a claim with the carrier?",
    "Please refund or send another one.", ""};
inline constexpr const char* kOpenNad[] = {
    "The {short} I received is not what was shown in the listing.",
    "The item looks nothing like the pictures.",
    "This is not the {short} I ordered.",
    "I received my order today and I'm disappointed, it doesn't match the description."};
inline constexpr const char* kOpenDamaged[] = {
    "The {short} arrived damaged. The box was crushed and the item is cracked.",
    "My package came today but the item inside is broken.",
    "Unfortunately the {short} was damaged when it arrived, there is a big crack on it.",
    "Received my order but one piece is broken.",
    "The parcel arrived all wet and the {short} inside is ruined."};
inline constexpr const char* kDetailDamaged[] = {
    "I have pictures if you need them.", "The outer box was already torn open when it was delivered.",
    "I can send photos.", "It was a gift so I'm really disappointed.", ""};
inline constexpr const char* kOpenReturn[] = {
    "I'd like to return the {short}. It's not what I expected.",
    "How do I return order {order}? I don't need it anymore.",
    "I want to send this back for a refund please.",
    "Can I return the {short}? I ordered the wrong size.",
    "I would like to return this item. The quality is not good.",
    "Please tell me how I can return the {short}, it does not fit."};
inline constexpr const char* kDetailReturn[] = {
    "It's unused and still in the original packaging.", "I only opened it to try it once.",
    "Do I have to pay for return shipping?", "Please send me a return label.", ""};
inline constexpr const char* kOpenCancel[] = {
    "Please cancel my order {order}. I ordered by mistake.",
    "I need to cancel this order, I don't need it anymore.",
    "Can I still cancel? I placed the order on {pdate} and changed my mind.",
    "Cancel order please. The delivery time is too long for me.",
    "I accidentally ordered the wrong color, please cancel it."};
inline constexpr const char* kDetailCancel[] = {
    "I tried to cancel on the website but it wouldn't let me.", "Please confirm once it's cancelled.", "", ""};
inline constexpr const char* kOpenAddress[] = {
    "I made a mistake in my shipping address. Can you change it before it ships?",
    "I just moved, could you please send my order to my new address?",
    "The apartment number is missing from my address on order {order}.",
    "Please update the delivery address for order {order}, I put my old address by mistake."};
inline constexpr const char* kDetailAddress[] = {
    "The correct address is {street}, {city}.", "Please let me know if it already shipped.",
    "New address: {street}, {city}.", ""};
inline constexpr const char* kOpenCustoms[] = {
    "The carrier is asking me to pay {fee} in import duties before they deliver. Nobody told me about this.",
    "Why do I have to pay customs charges? The listing didn't mention it.",
    "I got a letter saying I need to pay a customs fee of {fee} for my parcel. Is that right?",
    "{carrier} wants {fee} for customs before I can get my {short}."};
inline constexpr const char* kDetailCustoms[] = {"I am not paying extra for this.", "Can you refund the duty?",
                                                 "What should I do?", ""};
inline constexpr const char* kOpenInvoice[] = {
    "Could you send me an invoice for order {order}? I need it for my company.",
    "I need a VAT invoice for this purchase please.",
    "Can I get a receipt with my business name on it?",
    "Hello, is it possible to get an invoice for the {short}?"};
inline constexpr const char* kOpenFeedback[] = {
    "Very disappointed with this purchase. I'll be leaving a review about it.",
    "This is the worst buying experience I've had. The {short} stopped working after two days.",
    "I'm not happy with the {short} at all and I want you to know that."};
inline constexpr const char* kOpenOther[] = {
    "Can I add another {short} to my order so it ships together?",
    "Is it possible to get a different color instead?",
    "Does the {short} come with a warranty?",
    "I received two of the same item but only ordered one. What should I do?",
    "Could you include a gift note with order {order}? It's for my sister."};
inline constexpr const char* kOpenPrice[] = {
    "Would you do {price} each if I buy 3?",
    "Any discount for buying 10 pieces for my shop?",
    "I found the same {short} cheaper on another site, can you match the price?",
    "Can you give me a coupon code?",
    "Is there a better price if I order 5?"};

// Wish buyers (ticket openers).
inline constexpr const char* kOpenWishAddress[] = {
    "The app says delivery failed because of my address. What do I do?",
    "I need to change my address, I entered the wrong one.",
    "My address is missing the apartment number, please fix it. It should be {street}.",
    "Tracking says address problem. My address is correct!!"};
inline constexpr const char* kOpenWishPostOffice[] = {
    "Tracking says my package is at the post office but I never got any notice.",
    "Where is my package? It says arrived at local facility for days.",
    "The tracking says ready for pickup, what does that mean?"};
inline constexpr const char* kOpenWishSplit[] = {
    "I ordered several items but only got one package. Where is the rest?",
    "My order is incomplete, part of it is missing.",
    "Only received part of my order, the tracking says delivered."};
inline constexpr const char* kOpenWishReturned[] = {
    "Why does the tracking say returned to sender??",
    "My package was sent back, I still want it!",
    "Tracking says return to sender. I never refused anything."};
inline constexpr const char* kOpenWishLost[] = {
    "My package is lost, tracking hasn't updated in 3 weeks.",
    "Where is my order? It's been over a month.",
    "I think my parcel got lost. Nothing since it left China."};

// Category-specific buyer text: usage questions, SNAD complaints, pre-sale questions.
inline constexpr const char* kUsageQ[kCategoryCount][2] = {
    {"Is there a trick to putting on the {short}? I'm afraid of breaking something.",
     "My phone doesn't charge wirelessly anymore since I started using the {short}. What am I doing wrong?"},
    {"How do I connect the {short} to the app? It doesn't find the device.",
     "Can I make the {short} shorter? It's too long for my room."},
    {"How do I clean the {short}? Can it go in the dishwasher?",
     "Some parts of the {short} don't seem to fit together. How is it assembled?"},
    {"The {short} has a strong rubber smell. Is it safe and how do I get rid of it?",
     "How should I clean the {short} after workouts?"},
    {"How do I wash the {short} without ruining it?", "How do I make the {short} fit more securely?"},
    {"The {short} is getting darker. How do I clean it?", "Is it ok to shower with the {short} on?"},
    {"How should I wash the {short}? I don't want it to shrink.", "The {short} is a bit tight, should I exchange it for a bigger size?"},
    {"How do I clean the {short}?", "My pet is scared of the {short}. Any tips?"},
    {"How do I put the {short} together? There were no instructions in the box.",
     "The {short} doesn't fit, the hooks or fittings are too small."},
    {"The {short} keeps coming loose. How do I make it tighter?",
     "Why does my phone charge so slowly in the car?"},
};
inline constexpr const char* kUsageA[kCategoryCount] = {
    "1. Clean the phone and remove any card, sticker or metal plate from the back.\n"
    "2. Line it up with the camera and buttons and press it on from one end to the other.\n"
    "3. For wireless charging, center the phone on the charger; the light turns blue when it charges.\n"
    "Cases are a little tight for the first days and loosen with use. If it still doesn't work after these "
    "steps, we will replace it.",
    "1. Turn on Bluetooth and location permission on your phone.\n2. Plug in the lights and keep the phone "
    "within 3 ft of the controller.\n3. In the app, tap \"+\" and choose the device.\nYou can shorten it only "
    "on the marked cut lines; the part after the cut will not light up any more.",
    "1. Take the parts apart (they come off with a quarter turn or a gentle pull).\n2. Rinse the removable "
    "parts in warm soapy water; they can also go on the top rack of the dishwasher.\n3. Parts click into place "
    "when the arrow marks line up.\nParts with a motor or battery should only be wiped with a damp cloth.",
    "1. Let it air out in a ventilated room for 2-3 days, away from direct sun.\n2. Wipe it with a damp cloth "
    "and a little mild soap after use.\n3. Let it dry completely before storing it.\nThe smell comes from the "
    "new material, is harmless and fades within a week.",
    "1. Brush it gently from the ends up before washing.\n2. Soak it in cool water with a little shampoo for "
    "5 minutes, do not rub.\n3. Condition, rinse and let it dry on a stand.\nFor a tighter fit, use the "
    "adjustable straps or clips on the inside and fasten them one notch tighter.",
    "1. Take it off before showering, swimming or using lotion.\n2. Polish it with the included cloth.\n"
    "3. Store it in the pouch so it is away from air.\nDarkening is normal oxidation and polishes off.",
    "1. Turn it inside out.\n2. Machine wash cold on a gentle cycle.\n3. Hang to dry, no dryer.\n"
    "If it feels tight, most customers go one size up; we can exchange it for you free of charge.",
    "1. Rinse it weekly in warm water with a little mild soap.\n2. Let it dry completely before using it again.\n"
    "3. Introduce it slowly: leave it near your pet's favorite spot and reward them with treats.\n"
    "Most pets get used to it within a few days.",
    "1. Lay out all the parts and match them with the pictures on the product page.\n2. Attach the frame or "
    "hooks first, then the fabric parts.\n3. Tighten everything by hand only.\nIf the fittings don't match "
    "your door or wall, we will send larger ones free of charge.",
    "1. Loosen the nut or clip.\n2. Push it as far into the vent or holder as it goes.\n3. Tighten it again.\n"
    "For fast charging please use a USB-C to USB-C cable; older cables charge at normal speed.",
};
inline constexpr const char* kNadComplaint[kCategoryCount] = {
    "It doesn't work with my phone even though the listing says it does.",
    "The lights are much dimmer than advertised and the remote doesn't work with them.",
    "The material feels cheap and thin, nothing like the listing says.",
    "It's much thinner and flimsier than the pictures show.",
    "The hair is much shorter than the listing said and the color is darker.",
    "It changed color after one day and turned my skin green.",
    "The size runs at least two sizes smaller than the size chart.",
    "It's a lot smaller than it looks in the photos.",
    "The color is completely different from the pictures and one of the pieces is missing.",
    "It doesn't fit my car at all even though it says universal.",
};
inline constexpr const char* kPresaleQ[kCategoryCount][2] = {
    {"Does this fit the {model}?", "Does wireless charging work with the {short}?"},
    {"Can I cut the {short} to length? I only need about 10 ft.", "Does the {short} work with Alexa?"},
    {"Is the {short} dishwasher safe?", "What is the {short} made of? Is it BPA free?"},
    {"Is the {short} good for beginners?", "Does the {short} smell when it's new?"},
    {"Can I dye the {short}?", "What is the cap size? I have a small head."},
    {"Is it hypoallergenic? I have sensitive skin.", "Does the {short} come in a gift box?"},
    {"I'm 5'6 and 140 lbs, which size should I get?", "Is the material see-through?"},
    {"Is the {short} easy to clean?", "What size pet is the {short} for?"},
    {"What are the exact dimensions?", "Do I need tools to install the {short}?"},
    {"Will the {short} fit round vents?", "Does it work with a {model} in a thick case?"},
};
inline constexpr const char* kPresaleA[kCategoryCount] = {
    "The compatible models are listed in the title: it is made for exactly those phones, with precise cut-outs "
    "for buttons and cameras, and wireless charging works normally.",
    "Yes, you can cut it on the marked lines. It works with our app, and with Alexa and Google Assistant through "
    "the app's voice settings.",
    "All parts that touch food are BPA free, and the removable parts are dishwasher safe (top rack).",
    "Yes, it is a good choice for beginners and comes with a simple guide. A new one can have a light smell for "
    "the first days; it fades quickly if you let it air out.",
    "The material is stated in the title: human hair can be dyed darker and styled with heat, heat-resistant "
    "fiber can be styled up to 300F but not dyed. The cap fits 21.5-23 in with adjustable straps.",
    "It is nickel free and hypoallergenic, so most customers with sensitive skin wear it without any problem. "
    "It ships in a gift box.",
    "For 5'6 and 140 lbs we recommend a Medium. The fabric is thick and squat-proof, not see-through.",
    "It is easy to clean with warm water and mild soap, and it suits cats and small to medium dogs; the size "
    "chart is in the product images.",
    "The exact dimensions are in the product details, and no tools are needed: it installs in about 5 minutes.",
    "The clip fits most horizontal and vertical vents; for round vents we recommend our dashboard mount. "
    "It holds phones from 4.7 to 6.9 in, cases included.",
};

inline constexpr const char* kNudge[] = {
    "Hello? Any update on this?", "Still waiting for a reply...",
    "It has been 2 days and nobody answered me. Please respond.",
    "Hi again, just following up on my message below.", "Can someone please get back to me?",
    "Why is nobody answering?? I'll open a case if I don't hear back.",
    "Sorry to bother you again, any news about my order?", "???", "Hello?????",
    "I'm still waiting. Please answer my message."};
inline constexpr const char* kThanks[] = {
    "Got it, thank you so much!", "Received, thanks for your help.", "Refund received, thanks.",
    "Perfect, all sorted. Thank you!", "Thanks, have a nice day.",
    "The new one arrived and works great. Thank you!", "ok thanks", "Thank you for the quick help, much appreciated.",
    "Great, thanks for sorting this out."};

// A buyer's answer to the agent's proposal and the agent's matching next reply.
struct Pair {
    const char* buyer;
    const char* agent;
};
struct Pairs {
    const Pair* v = nullptr;
    uint32_t n = 0;
};
template <size_t N>
constexpr Pairs PP(const Pair (&a)[N]) {
    return Pairs{a, uint32_t(N)};
}

// Pre-sale questions that are not about the item's category, with their answers.
inline constexpr Pair kPresaleGeneric[] = {
    {"How long does shipping to {country} take?",
     "Shipping to {country} usually takes 7-15 days, and every order comes with tracking."},
    {"Is the {short} in stock? I need it in about two weeks.",
     "Yes, it is in stock and ships within 1-2 business days, so two weeks is usually enough."},
    {"Do you ship to {country}?", "Yes, we ship to {country}; delivery usually takes 7-15 days."},
    {"What is the return policy if it doesn't fit or I don't like it?",
     "You can return it within 30 days of delivery for a full refund, as long as it is unused."},
    {"Does the {short} come with a warranty?",
     "Yes, it comes with a 12-month warranty. If anything goes wrong, message us here and we will replace it."},
};
inline constexpr Pair kZhPresaleGeneric[] = {
    {"这款有现货吗？今天能发吗？", "亲，这款现在有现货，下午4点前付款当天发货哦~"},
    {"发什么快递？几天能到{city}？", "默认发中通快递，江浙沪一般1-2天到，其他地区2-4天~"},
    {"请问有赠品吗？", "有的亲，现在下单送收纳袋一个~"},
    {"可以七天无理由退货吗？", "支持的亲，收到后7天内不影响二次销售都可以退~"},
};

inline constexpr Pair kPairShipping[] = {
    {"OK, I'll wait a few more days.",
     "Thank you for your patience. I will check the tracking again on {followup} and update you."},
    {"I'd rather have a refund please.",
     "Your refund of {amount} has been issued. It usually shows in your account within 3-5 business days."},
    {"Refund please. I can't wait any longer.",
     "I understand. The full refund of {amount} has been issued today; please allow 3-5 business days."},
    {"Please send a replacement.",
     "We have shipped a replacement today. The new tracking number is {tracking2}; it will show "
     "updates within 24-48 hours."},
    {"I checked again and still nothing.",
     "Sorry about this. We have sent a new parcel today, tracking number {tracking2}. If the first one turns up, "
     "please just keep it."},
    {"How much longer will it take?",
     "I just checked again: the parcel is now out for delivery in {city}. You should have it today or tomorrow."},
};
inline constexpr Pair kPairPostOffice[] = {
    {"I went to the post office and got it, thanks!", "Great news! Enjoy your {short}."},
    {"The post office says they don't have it.",
     "Sorry about that. We have opened an inquiry with {carrier}; if the parcel can't be found within 3 business "
     "days, we will reship it or refund you."},
    {"I never got a notice, how long will they keep it?",
     "Post offices usually keep parcels for about 15 days, so there is still time. Just bring your ID and the "
     "tracking number {tracking}."},
};
inline constexpr Pair kPairSplit[] = {
    {"Got the second package today, thanks.", "Great, so your order is complete now. Thank you for your patience!"},
    {"Still missing the rest.",
     "Sorry for the wait. The second parcel ({tracking2}) is in transit; if it hasn't arrived within 7 days, we will "
     "refund the missing items."},
};
inline constexpr Pair kPairResent[] = {
    {"OK, thanks for sending a new one.", "You're welcome! Please let us know when it arrives."},
    {"Can I get a refund instead?",
     "Of course. We have refunded {amount}; if the new parcel arrives, you are welcome to keep it."},
    {"The new tracking doesn't work.",
     "New tracking numbers usually show the first scan within 2-3 days. I will check it again on {followup} and "
     "update you."},
};
inline constexpr Pair kPairBroken[] = {
    {"I've attached photos so you can see.",
     "Thank you for the photos. A replacement is on its way, tracking number {tracking2}."},
    {"A partial refund is fine, I'll keep it.",
     "We have issued a 30% partial refund; you will see it within 3-5 business days."},
    {"I want a full refund, it's unusable.",
     "Your full refund of {amount} has been processed. There is no need to send the item back."},
    {"Replacement please.", "A replacement ships today; the tracking number is {tracking2}."},
    {"Here are the pictures. As you can see it's clearly not as described.",
     "Thanks for the pictures, and sorry again. We have refunded {amount} in full; no need to return the item."},
};
inline constexpr Pair kPairReturn[] = {
    {"I'd prefer to return it for a full refund.",
     "Here are the return steps: please pack the item securely and use the prepaid label from your order page. "
     "Your refund will be issued within 2 business days after we receive it."},
    {"The partial refund works for me.", "The partial refund has been sent. Thanks for your understanding!"},
    {"OK, I'll keep it with the 20% refund.", "Done: the 20% refund is on its way and will arrive within 3-5 business days."},
    {"Where do I send it?",
     "Please use the prepaid return label on your order page; it already has our return center's address. The "
     "refund is issued within 2 business days after we receive it."},
};
inline constexpr Pair kPairCancelShipped[] = {
    {"Ok I'll refuse the delivery then.", "Thank you. Once the parcel comes back to us we will refund you right away."},
    {"Fine, I'll return it when it comes.",
     "Thank you. When the return is scanned, we will refund you within 2 business days."},
    {"Can't you just stop the parcel?",
     "I'm sorry, once the carrier has it we can't stop it. Refusing the delivery is the fastest way; the refund "
     "follows as soon as it is back with us."},
};
inline constexpr Pair kPairCancelUnshipped[] = {
    {"Thank you, please confirm when the refund is done.",
     "The refund has been issued; you will see it within 3-5 business days."},
    {"Great, thanks for the quick help.", "You're welcome! The cancellation is confirmed."},
};
inline constexpr Pair kPairAddress[] = {
    {"Yes, the new address is {street}, {city}.",
     "The address has been updated to {street}, {city}. We will make sure the parcel goes there."},
    {"Thank you, please confirm when it's updated.",
     "Confirmed: the new address is saved on the order and with the carrier."},
    {"I contacted the carrier, they said you have to do it.",
     "Thanks for checking. We have asked the carrier to redirect the parcel and will let you know as soon as they confirm."},
};
inline constexpr Pair kPairCustoms[] = {
    {"OK I paid the fee, here is the receipt.",
     "Thanks for the receipt. We have refunded {fee} to your original payment method."},
    {"I refused the parcel.", "Understood. Once the parcel is back with us, we will refund the order in full."},
    {"Fine, I'll pay it then.",
     "Thank you for understanding. If you send us a photo of the receipt, we will refund half of the duty."},
};
inline constexpr Pair kPairUsage[] = {
    {"That worked, thank you!", "Glad to hear it works now! Enjoy your {short}."},
    {"Thanks, that helped a lot.", "You're welcome! Enjoy your {short}."},
    {"I tried that but it still doesn't work.",
     "Sorry it still doesn't work. We will send you a replacement free of charge within 2 business days; the new "
     "tracking number is {tracking2}."},
    {"Do you have a video?",
     "We can't share outside links here, but the product images on the listing page show each step. If it still "
     "doesn't work after that, we will send you a replacement."},
};
inline constexpr Pair kPairInvoice[] = {
    {"Got it, thank you.", "You're welcome! Let us know if you need anything else."},
    {"Can you add my company name, {company}?",
     "The invoice has been updated with {company}. You can download it from the order page."},
    {"I found it, thanks.", "Great, glad you found it."},
};
inline constexpr Pair kPairPresale[] = {
    {"Great, I'll order today.", "Thank you! Orders placed before 3 pm ship the same day."},
    {"Thanks! And do you ship to {country}?", "Yes, we ship to {country}; delivery usually takes 7-15 days."},
    {"How long would it take to arrive?", "It usually arrives within 7-15 days after shipping, with tracking."},
    {"Ok perfect, thanks.", "You're welcome! Let us know if you have any other questions."},
    {"Does it come in black?", "Yes, it is available in black as well; you can choose the color on the product page."},
};
inline constexpr Pair kPairPrice[] = {
    {"Ok, no problem.", "Thank you for understanding!"},
    {"That's too bad, I'll think about it.", "No problem, take your time. We're here if you have more questions."},
    {"Fine, I'll order 2 then.", "Thank you! Both will ship together in one parcel."},
    {"Not even 5%?", "Sorry, we really can't change the price, but the shipping is already included."},
};
inline constexpr Pair kPairGeneric[] = {
    {"Ok thanks.", "You're welcome! Please let us know if there's anything else."},
    {"Sounds good.", "Great, it's all arranged on our side."},
    {"Thanks for getting back to me.", "Of course, happy to help."},
    {"Alright, let's do that.", "Thank you for confirming. We have taken care of it."},
};
inline constexpr Pair kPairCc[] = {
    {"Hello Seller, the customer contacted us again and is still waiting for a resolution. Please update the "
     "customer. Walmart Customer Care",
     "Thank you. We have sent the customer an update and offered a replacement or a refund; we will follow up "
     "within 24 hours."},
    {"The customer has replied that they would prefer a refund. Please process it or respond to the customer. "
     "Walmart Customer Care",
     "Thank you. The refund of {amount} has been issued to the customer today."},
    {"Thank you for your response. The customer has a follow-up question regarding the timeline. Walmart "
     "Customer Care",
     "Thank you. The customer can expect the resolution within 1-2 business days; we have sent them the details."},
};

// ---- English agents ------------------------------------------------------------------------------
inline constexpr const char* kGreetAgent[] = {"Dear {first},", "Hi {first},", "Hello {first},", "Dear {name},",
                                              "Hi {first},", "Dear {first},"};
inline constexpr const char* kGreetAgentShort[] = {"Hi {first},", "Hello {first},", "Dear {first},"};
inline constexpr const char* kCloseAgentFriendly[] = {
    "Please let me know if you have any other questions.", "Thank you for your interest!",
    "We are here if you need anything else.", "Have a wonderful day.", "Thank you for shopping with us."};
inline constexpr const char* kCloseAgentShort[] = {"We are here if you need anything else.",
                                                   "Thank you for your patience.", "Have a nice day.",
                                                   "Thanks again for your understanding."};
inline constexpr const char* kGreetCustomerCare[] = {"Hello Customer Care team,", "Hi Walmart Customer Care,",
                                                     "Dear Customer Care team,"};
inline constexpr const char* kCloseAgent[] = {
    "Please let me know if you have any other questions.", "Thank you for your patience and understanding.",
    "We are here if you need anything else.", "Sorry again for the trouble.", "Have a wonderful day.",
    "Thank you for shopping with us."};
inline constexpr const char* kSignAgent[] = {"Best regards,\n{agent}\n{store} Customer Service",
                                             "Kind regards,\n{agent}", "Sincerely,\n{agent} | {store}",
                                             "Thanks,\n{agent}\n{store}", "Best wishes,\n{agent}"};

inline constexpr const char* kRestateOrderStatus[] = {
    "Thank you for contacting us about your order of the {short}. I understand you would like to know where your parcel is.",
    "Thanks for your message, and sorry that the tracking hasn't updated for a while.",
    "I'm sorry for the wait on order {order}. I have checked it for you."};
inline constexpr const char* kRestateInr[] = {
    "We are very sorry that your {short} has not arrived yet. I understand how frustrating it is to wait past the expected date of {edd}.",
    "Thank you for letting us know that order {order} hasn't arrived, and I apologize for the inconvenience.",
    "I'm sorry your parcel is taking so long. I have looked into order {order} right away."};
inline constexpr const char* kRestateInrDelivered[] = {
    "I'm sorry to hear the parcel is marked as delivered but you have not received it.",
    "Thank you for telling us. A parcel shown as delivered but not received is worrying, and we will help you sort it out."};
inline constexpr const char* kRestateNad[] = {
    "I'm sorry to hear that the {short} doesn't match the description. That is not the experience we want you to have.",
    "Thank you for your message, and I apologize that the item you received is not what you expected."};
inline constexpr const char* kRestateDamaged[] = {
    "I am so sorry the {short} arrived damaged. Thank you for telling us.",
    "We apologize that your order arrived broken. That must have been disappointing."};
inline constexpr const char* kRestateReturn[] = {
    "Thank you for your message about returning the {short}. I'm sorry it didn't work out for you.",
    "Thanks for reaching out. I understand you would like to return order {order}."};
inline constexpr const char* kRestateCancel[] = {
    "Thank you for your message. I understand you would like to cancel order {order}.",
    "Thanks for letting us know you no longer need the {short}."};
inline constexpr const char* kRestateAddress[] = {
    "Thanks for letting us know about the address for order {order}.",
    "Thank you for your message. I understand the shipping address on your order needs to be corrected."};
inline constexpr const char* kRestateCustoms[] = {
    "I'm sorry about the unexpected import charge on your parcel. I understand that is not pleasant.",
    "Thank you for your message about the customs fee. We understand your frustration."};
inline constexpr const char* kRestateUsage[] = {
    "Thank you for your purchase and for your question about the {short}.",
    "Thanks for reaching out! Happy to help you with the {short}."};
inline constexpr const char* kRestateInvoice[] = {
    "Thank you for your order. I understand you need an invoice for order {order}."};
inline constexpr const char* kRestateFeedback[] = {
    "Thank you for your honest message, and I'm very sorry the {short} disappointed you.",
    "We're sorry to hear you're unhappy with your purchase, and thank you for telling us directly."};
inline constexpr const char* kRestateOther[] = {"Thank you for your message about order {order}.",
                                                "Thanks for reaching out about your order."};
inline constexpr const char* kRestateProduct[] = {"Thank you for your interest in our {short}.",
                                                  "Thanks for your question about the {short}."};
inline constexpr const char* kRestateWish[] = {"Thank you for contacting us about order {order}.",
                                               "Thanks for your message, and sorry for the trouble with your order.",
                                               "We're sorry about the problem with your {short}."};

inline constexpr const char* kSolOrderStatus[] = {
    "Your parcel was shipped on {sdate} with {carrier}, tracking number {tracking}. The latest scan shows it on "
    "the way to {city}, and it should be delivered by {edd}. International tracking sometimes pauses for 3-5 days "
    "while the parcel goes through customs, so please don't worry if there is a gap.",
    "I checked tracking number {tracking} ({carrier}): the parcel left our warehouse on {sdate} and has arrived "
    "in the destination country. Delivery is expected within 3-5 business days, before {edd}.",
    "Your order shipped on {sdate}. The tracking number is {tracking} and you can follow it on the {carrier} "
    "website or in your order details. I will check it again in 2 business days and update you."};
inline constexpr const char* kSolInr[] = {
    "I checked tracking number {tracking} with {carrier}: the last update shows the parcel at the {city} "
    "distribution center. We have opened an inquiry with the carrier and will have their answer within 2 "
    "business days. In the meantime you can choose:\n1. Wait 5 more days. If it has not arrived by then, we "
    "send a replacement at no cost.\n2. We send a replacement today; it ships within 1-2 business days.\n"
    "3. We refund you in full ({amount}) and the money reaches your account within 3-5 business days.\n"
    "Just reply with the number you prefer.",
    "According to {carrier}, your parcel ({tracking}) has been delayed in transit. I am sorry for this. "
    "Here is what we can do:\n1. Reship a new {short} today with faster shipping.\n2. Refund you in full "
    "({amount}).\nPlease let me know which option you prefer and I will take care of it within 24 hours.",
    "The tracking ({tracking}) has not updated since it reached {city}. Parcels in this situation usually "
    "move again within 3-5 days. If it has not been delivered by {followup}, we will refund you in full or "
    "send a new one, whichever you prefer."};
inline constexpr const char* kSolInrDelivered[] = {
    "The tracking shows the package as delivered on {dlv}. Sometimes the carrier marks a parcel delivered a day "
    "early or leaves it with a neighbor or in a parcel locker. Could you please check around the building? If "
    "you still cannot find it within 2 days, tell us and we will:\n1. Send a replacement, or\n2. Refund you in "
    "full.\nWe will also file a claim with {carrier} on our side.",
    "I have opened a claim with {carrier} for tracking number {tracking}; they normally answer within 2-3 "
    "business days. We don't want you to wait that long, so please choose:\n1. Replacement shipped within 1 "
    "business day.\n2. Full refund of {amount}."};
inline constexpr const char* kSolNad[] = {
    "Could you please send us a photo of the item and of the label on the package? That helps us check with our "
    "warehouse. Once we see it, we can offer:\n1. A 30% partial refund and you keep the item.\n2. A full refund "
    "after you return it; we will provide a prepaid return label within 1 business day.\nWe will reply within 24 "
    "hours of receiving the photos.",
    "It looks like our warehouse sent the wrong version, and we are sorry for the mistake. We can:\n1. Send the "
    "correct {short} right away (ships within 1-2 business days); you don't need to return the wrong one.\n"
    "2. Refund you in full.\nPlease tell us which option you prefer."};
inline constexpr const char* kSolDamaged[] = {
    "If possible, please send a photo of the damage so we can report it to the carrier. You don't need to return "
    "the damaged item. We can:\n1. Send a replacement within 2 business days.\n2. Give you a full refund of "
    "{amount}.\nPlease reply with 1 or 2.",
    "We will send you a new {short} free of charge. It will ship within 1-2 business days and I will send you "
    "the new tracking number. There is no need to return the broken one."};
inline constexpr const char* kSolReturn[] = {
    "Before you send it back, we would like to offer an alternative: we can refund 20% of the price and you keep "
    "the item. If you still prefer to return it, that is no problem:\n1. Keep the item with a 20% partial "
    "refund.\n2. Return it for a full refund; I will send the return instructions within 1 business day.\n"
    "Which option works better for you?",
    "You can return it within 30 days of delivery. Please start the return from your order page and choose the "
    "reason; the refund is issued within 2 business days after the parcel reaches our return center.",
    "No problem. Please keep the item in its original packaging. We will send the return label within 24 hours, "
    "and once the carrier scans the parcel we will issue your refund."};
inline constexpr const char* kSolCancelUnshipped[] = {
    "Your order had not shipped yet, so I have cancelled it. The refund of {amount} is on its way and usually "
    "shows in your account within 3-5 business days.",
    "Good news: the order was still in our warehouse, so we stopped it. It is now cancelled and you will receive "
    "the full refund within 3-5 business days."};
inline constexpr const char* kSolCancelShipped[] = {
    "I'm sorry, but the order was already shipped on {sdate} (tracking {tracking}), so we can no longer cancel "
    "it. You have two options:\n1. Refuse the delivery when the carrier arrives; once the parcel comes back to "
    "us we will refund you in full.\n2. Accept the parcel and return it within 30 days; we will refund you as "
    "soon as the return is scanned.\nI'm sorry for the inconvenience.",
    "Unfortunately the parcel left our warehouse on {sdate} and is already with {carrier}, so the system no "
    "longer lets us cancel it. When it arrives you can:\n1. Refuse it at the door, or\n2. Send it back using "
    "the return option on your order page.\nEither way you will get a full refund within 2 business days "
    "after it reaches us."};
inline constexpr const char* kSolAddressUnshipped[] = {
    "Your order has not shipped yet, so I have updated the address on our side. It will ship within 1-2 "
    "business days to {street}, {city}.",
    "We can change it as long as the order has not been handed to the carrier. Please double-check the full new "
    "address (street, apartment, city, ZIP code) and confirm it here within 24 hours."};
inline constexpr const char* kSolAddressShipped[] = {
    "The parcel was already handed to {carrier} on {sdate}, so we cannot change the address ourselves. Here is "
    "what we suggest:\n1. Contact {carrier} with tracking number {tracking} and ask them to redirect the "
    "parcel.\n2. If it comes back to us, we will reship it to the new address at no cost.\nSorry for the trouble."};
inline constexpr const char* kSolCustoms[] = {
    "Import duties are set by the customs office of your country and apply to many international parcels. We "
    "cannot remove them, but we want to help:\n1. Pay the duty and send us a photo of the receipt; we will "
    "refund half of it within 2 business days.\n2. Refuse the parcel; once it returns to us, we will refund the "
    "order in full.\nPlease let us know what you choose.",
    "When a parcel's value is above your country's limit, customs may charge a fee. To make it easier for you, "
    "we will refund the {fee} duty once you send us a photo of the receipt, within 1 business day."};
inline constexpr const char* kSolInvoice[] = {
    "I have uploaded the invoice to your order page, where you can download it now. If you need your company "
    "name or VAT number on it, just send them here and we will update it within 1 business day."};
inline constexpr const char* kSolFeedback[] = {
    "We would like to make this right. We can:\n1. Send a replacement at no cost within 2 business days.\n"
    "2. Refund you in full ({amount}).\nPlease tell us which you prefer.",
    "I have asked our quality team to check this batch. For you, we can send a new {short} within 2 business "
    "days or refund the full {amount}; just let me know."};
inline constexpr const char* kSolOther[] = {
    "Yes, we can do that. I have noted it on your order and our warehouse will handle it within 1 business day.",
    "I have passed this to our warehouse team and will update you within 1 business day.",
    ("The {short} comes with a 12-month warranty. If anything goes wrong, just message us here with your order "
     "number and we will replace it.")};
inline constexpr const char* kSolPrice[] = {
    "Our prices are the same for every customer, so I'm afraid we cannot offer a separate discount. The price "
    "already includes shipping, and if you order more than one they ship together.",
    "We keep our prices fixed to be fair to all buyers, and the price already includes tracked shipping. "
    "Several units ordered together ship in one parcel."};
// Wish: the eight pre-shipping problem answers (customs and other reuse the common ones).
inline constexpr const char* kSolWishAddress[] = {
    "The carrier could not deliver your parcel because the address seems incomplete (the apartment or unit number "
    "is missing). Please reply with your full address and phone number within 3 days, and we will arrange "
    "delivery again.",
    "We checked with the carrier: the parcel is on hold because the address could not be verified. Please send "
    "the complete address here and we will update it with {carrier} within 1 business day."};
inline constexpr const char* kSolWishPostOffice[] = {
    "Good news: tracking {tracking} shows your parcel arrived at your local post office on {dlv}. Please bring "
    "your ID and the tracking number to pick it up. Post offices usually keep parcels for about 15 days, so "
    "please collect it within the next 10 days.",
    "Your parcel is waiting for you at the local post office. You can pick it up with your ID and tracking "
    "number {tracking}; if you prefer, you can also ask them to deliver it again."};
inline constexpr const char* kSolWishSplit[] = {
    "Because your order was over the weight limit for one parcel, it was shipped as {parcels} separate packages. "
    "The tracking numbers are {tracking} and {tracking2}. They may arrive a few days apart. Thank you for your "
    "patience!",
    "Your order was split into {parcels} parcels because of its weight. The second package ({tracking2}) is still "
    "on the way and should arrive within 5-7 days."};
inline constexpr const char* kSolWishReturned[] = {
    "The carrier returned your parcel to us because the address could not be confirmed. We are sorry. Please "
    "confirm the correct address and we will reship it within 2 business days at no cost. If you would rather "
    "have a refund, we can do that too."};
inline constexpr const char* kSolWishLost[] = {
    "Sorry, the carrier has confirmed that your parcel was lost in transit. We have already reshipped your "
    "order; the new tracking number is {tracking2}, and it should arrive within 10-15 days.",
    "We are sorry: {carrier} could not trace your parcel any more. A new parcel has been sent today with "
    "tracking number {tracking2}. You don't need to do anything."};
inline constexpr const char* kSolWishDamaged[] = {
    "We are sorry the parcel was damaged during shipping. We have sent you a new one today, tracking number "
    "{tracking2}. No need to return the damaged item.",
    "Thank you for the photos. Since the item was damaged in transit, we have shipped a replacement (tracking "
    "{tracking2}); it should arrive within 10-15 days."};

inline constexpr const char* kAutoReply[] = {
    "Thank you for your message. We have received it and will reply within 24 hours. (This is an automatic reply.)",
    "Hi! Thanks for contacting {store}. Our team is offline right now; we answer all messages within 24 hours.",
    ("Thank you for reaching out. This is an automated confirmation: a member of our support team will get back "
     "to you within one business day.")};

inline constexpr const char* kProactiveDelay[] = {
    "Hello {first},\n\nThis is {agent} from {store}. We want to let you know that your order {order} of the {short} "
    "is delayed in transit: {carrier} reports a backlog at the {city} sorting facility. It should "
    "move again within 3-5 business days. If it has not arrived by {followup}, we will send a replacement or "
    "refund you, whichever you prefer.\n\nSorry for the wait.\n{agent}",
    "Hi {first},\n\nQuick update on order {order}: the parcel (tracking {tracking}) is taking longer than "
    "expected. Nothing is needed from you; we are following it with {carrier} and will update you within 2 "
    "business days.\n\nBest regards,\n{agent}\n{store}"};
inline constexpr const char* kProactiveFeedback[] = {
    "Hi {first},\n\nWe saw your feedback about the {short} and we're sorry it didn't meet your expectations. We "
    "would like to make it right:\n1. We send a replacement at no cost.\n2. We refund you in full ({amount}).\n"
    "Just reply with 1 or 2.\n\nBest regards,\n{agent}\n{store}",
    "Hello {first},\n\nThank you for your feedback on order {order}. I'm sorry the {short} was not as expected. "
    "If you reply here we can refund you or send a new one within 2 business days.\n\nKind regards,\n{agent}"};

// ---- spam-like pre-sale messages ---------------------------------------------------------------
inline constexpr const char* kSpamBulk[] = {
    "Dear Seller, we are a professional promotion team. We can boost your store with 500+ five-star reviews per "
    "month at a very low cost. Reply YES to get our price list.",
    "Hello friend, we offer cheap shipping from China to USA, 30% cheaper than your forwarder. Add me on "
    "WhatsApp +1 555 0148 for a quote today.",
    "SEO SERVICE!!! Get your listing to page 1 in 7 days, 100% guaranteed. Limited offer, contact us now.",
    "Hi, we are a factory in Shenzhen. We make the same product at half price, MOQ 100 pcs. Interested?",
    "Boost your sales x10 with our Facebook ads package! Only $99/month. Reply for details."};
inline constexpr const char* kSpamFraud[] = {
    "{mkt} Seller Support: Your account has been flagged for unusual activity. Verify your identity within 24 "
    "hours at http://seller-verify.example.net or your listings will be removed.",
    "Hello, I want to buy 50 units. I will pay you directly by bank transfer to get a discount, please send "
    "your bank details and personal email.",
    "Congratulations! Your store was selected for a $500 gift card. Click here to claim: "
    "http://prize-claim.example.com",
    "I am a buyer from overseas. I will pay by cheque and my agent will pick up the goods. Send me your phone "
    "number so we can finish outside {mkt}."};
inline constexpr const char* kSpamRude[] = {
    "Your products are GARBAGE. Scammers, all of you!!!", "stop selling this junk you idiots",
    "lol who would even buy this crap", "You people are thieves and liars. Disgusting shop."};
inline constexpr const char* kSpamSubject[] = {"Grow your sales fast!!", "Business cooperation",
                                               "URGENT: account verification", "Partnership offer",
                                               "Important notice", "Wholesale inquiry", "??", "Hello"};

// ---- Walmart Customer Care -----------------------------------------------------------------------
inline constexpr const char* kCcOpen[] = {
    "Hello Seller,\n\nThe customer {name} contacted Walmart Customer Care about order #{order}. {issue}\n\n"
    "Please reach out to the customer and resolve this within 48 hours.\n\nThank you,\nWalmart Customer Care",
    "Dear Seller,\n\nWe are contacting you on behalf of the customer {name} regarding purchase order {order}. "
    "{issue} Please respond to the customer directly through Seller Center.\n\nRegards,\nWalmart Customer Care",
    "Hi,\n\nCustomer {name} reached out to us about order {order}. {issue}\n\nKindly review and reply to the "
    "customer as soon as possible.\n\nWalmart Customer Care"};
inline constexpr const char* kCcIssueShipping[] = {
    "The customer reports that the order has not been delivered and the estimated delivery date ({edd}) has passed.",
    "The customer would like to know the current status of the shipment; the tracking has not updated."};
inline constexpr const char* kCcIssueBroken[] = {
    "The customer states that the item arrived damaged and would like a replacement or a refund.",
    "The customer says the item received does not match the item description."};
inline constexpr const char* kCcIssueReturn[] = {
    "The customer would like to return the item and asks for return instructions.",
    "The customer requests a refund because the item does not fit."};
inline constexpr const char* kCcIssueOrderChange[] = {"The customer asked to cancel the order.",
                                                 "The customer wants to change the shipping address on this order."};
inline constexpr const char* kCcIssueOther[] = {"The customer has a question about how to use the item.",
                                                "The customer needs assistance with this order."};
inline constexpr const char* kCcThanks[] = {
    "Thank you for your help. The customer has confirmed the issue is resolved. Walmart Customer Care",
    "Thank you, Seller. We have informed the customer and are closing this contact. Walmart Customer Care"};

// ---- eBay notices ------------------------------------------------------------------------------
inline constexpr const char* kCaseInr[] = {
    "{handle} opened a request because they have not received item {short} (order {order}). Please respond "
    "within 3 business days: provide tracking that shows delivery, or offer a refund or a replacement. If the "
    "problem is not resolved, the buyer can ask eBay to step in.",
    "Item not received request opened by {handle} for order {order}. Estimated delivery was {edd}. You can "
    "reply to the buyer, add tracking information, or issue a refund from the request page."};
inline constexpr const char* kCaseSnad[] = {
    "{handle} opened a return request for order {order}. Reason: item not as described. Buyer comment: "
    "\"{complaint}\" Please respond within 3 business days.",
    "A return was requested for the {short} (order {order}) because the item does not match the listing. Please "
    "accept the return, offer a partial refund, or send the buyer a message within 3 business days."};
inline constexpr const char* kCasePaypal[] = {
    "The buyer {handle} opened a PayPal dispute for transaction {txn} (eBay order {order}). Reason: {reason}. "
    "Please respond in the PayPal Resolution Center with tracking information or an offer.",
    "PayPal dispute notice: {handle} reports {reason} for transaction {txn}, order {order}. Respond within the "
    "deadline shown in the Resolution Center to avoid the dispute being escalated to a claim."};
inline constexpr const char* kCaseClosed[] = {
    "The case for order {order} has been closed. The buyer confirmed receipt of the item. No further action is needed.",
    ("The request for order {order} is closed: a refund was issued to the buyer. This case will not count as a "
     "defect on your account."),
    "The buyer closed the request for order {order}. Thank you for resolving it."};
inline constexpr const char* kAccount[] = {
    "Your account is at risk of selling restrictions because of unresolved item-not-received requests, "
    "including order {order}. Please resolve open requests within 3 business days to avoid limits on your selling.",
    "We noticed a late shipment on order {order}. Your late shipment rate is above the standard for your seller "
    "level. Please upload tracking on time to avoid a seller performance downgrade.",
    "Action required: order {order} was shipped from a location different from the item location in your "
    "listing. Please update your listings so the item location is accurate.",
    "Your payouts are on hold pending verification of order {order}. Please upload valid tracking for this order "
    "so we can release the funds."};
inline constexpr const char* kAccountSubject[] = {"Action required: your selling account",
                                                  "Seller performance: late shipment",
                                                  "Important: item location policy", "Your payouts are on hold"};
inline constexpr const char* kEscalation[] = {
    "Wish Support: this ticket was not answered within 48 hours and has been escalated to Merchant Support. "
    "Please reply to the customer as soon as possible.",
    "Wish Support: the customer is still waiting. This ticket is now handled by Wish support; a reply from "
    "you is still expected."};

// ---- subjects ----------------------------------------------------------------------------------
inline constexpr const char* kSubjOrderStatus[] = {"Where is my order?", "Order status", "Tracking not updating",
                                                   "Shipping inquiry", "When will my order arrive?"};
inline constexpr const char* kSubjInr[] = {"Item not received", "Package never arrived",
                                           "Still waiting for my order", "Where is my package??",
                                           "Order not delivered"};
inline constexpr const char* kSubjInrDelivered[] = {"Marked delivered but not received",
                                                    "Package says delivered - not here", "Didn't get my package"};
inline constexpr const char* kSubjNad[] = {"Item not as described", "Wrong item received", "Not what I ordered",
                                           "Item doesn't match the listing"};
inline constexpr const char* kSubjDamaged[] = {"Item arrived damaged", "Broken on arrival", "Damaged package",
                                               "Received a broken item"};
inline constexpr const char* kSubjReturn[] = {"Return request", "How do I return this?", "Return and refund",
                                              "Want to return my order"};
inline constexpr const char* kSubjCancel[] = {"Cancel my order", "Order cancellation", "Please cancel",
                                              "Cancel order request"};
inline constexpr const char* kSubjAddress[] = {"Address change request", "Wrong shipping address",
                                               "Change delivery address"};
inline constexpr const char* kSubjCustoms[] = {"Customs fee", "Import charges?", "Why do I have to pay duties?"};
inline constexpr const char* kSubjUsage[] = {"How to use the {short}?", "Question about my {short}",
                                             "Need help setting up", "{short} not working"};
inline constexpr const char* kSubjInvoice[] = {"Invoice request", "Need an invoice", "VAT invoice"};
inline constexpr const char* kSubjFeedback[] = {"Very disappointed", "About my order experience",
                                                "Unhappy with my purchase"};
inline constexpr const char* kSubjOther[] = {"Question about my order", "Order question", "Quick question"};
inline constexpr const char* kSubjProduct[] = {"Product question", "Question before I buy", "Question about the {short}",
                                               "Quick question about this item", "Pre-sale question"};
inline constexpr const char* kSubjPrice[] = {"Bulk discount?", "Price question", "Discount for multiple items?"};
inline constexpr const char* kSubjProactiveDelay[] = {"Update on your order {order}", "Shipping delay notice",
                                                      "Your order is on its way - delay update"};
inline constexpr const char* kSubjProactiveFeedback[] = {"About your feedback", "We'd like to make it right"};
inline constexpr const char* kSubjCustomerCare[] = {"Walmart Customer Care: order #{order}",
                                                    "Customer Care contact - PO {order}",
                                                    "Customer inquiry via Walmart Customer Care"};
inline constexpr const char* kSubjWishPostOffice[] = {"Package at post office?", "Where is my package?"};
inline constexpr const char* kSubjWishSplit[] = {"Missing items", "Only got part of my order"};
inline constexpr const char* kSubjWishReturned[] = {"Returned to sender?", "Why was my package sent back?"};
inline constexpr const char* kSubjWishLost[] = {"Where is my package?", "Package lost"};
inline constexpr const char* kSubjWishAddress[] = {"Address change request", "Delivery failed - address"};

struct SceneText {
    Pool subject, open, detail, restate, solution;
    Pairs follow;
};

// Indexed by Scene. Pools left empty are filled from the category tables in demo.cpp.
inline constexpr SceneText kScenes[kSceneCount] = {
    /* ProductQuestion */ {P(kSubjProduct), kEmpty, kEmpty, P(kRestateProduct), kEmpty, PP(kPairPresale)},
    /* Price */ {P(kSubjPrice), P(kOpenPrice), kEmpty, P(kRestateProduct), P(kSolPrice), PP(kPairPrice)},
    /* Spam */ {P(kSpamSubject), kEmpty, kEmpty, kEmpty, kEmpty, {}},
    /* OrderStatus */ {P(kSubjOrderStatus), P(kOpenOrderStatus), P(kDetailOrderStatus), P(kRestateOrderStatus), P(kSolOrderStatus), PP(kPairShipping)},
    /* Inr */ {P(kSubjInr), P(kOpenInr), P(kDetailInr), P(kRestateInr), P(kSolInr), PP(kPairShipping)},
    /* InrDelivered */ {P(kSubjInrDelivered), P(kOpenInrDelivered), P(kDetailInrDelivered), P(kRestateInrDelivered), P(kSolInrDelivered), PP(kPairShipping)},
    /* Nad */ {P(kSubjNad), P(kOpenNad), kEmpty, P(kRestateNad), P(kSolNad), PP(kPairBroken)},
    /* Damaged */ {P(kSubjDamaged), P(kOpenDamaged), P(kDetailDamaged), P(kRestateDamaged), P(kSolDamaged), PP(kPairBroken)},
    /* Return */ {P(kSubjReturn), P(kOpenReturn), P(kDetailReturn), P(kRestateReturn), P(kSolReturn), PP(kPairReturn)},
    /* CancelUnshipped */ {P(kSubjCancel), P(kOpenCancel), P(kDetailCancel), P(kRestateCancel), P(kSolCancelUnshipped), PP(kPairCancelUnshipped)},
    /* CancelShipped */ {P(kSubjCancel), P(kOpenCancel), P(kDetailCancel), P(kRestateCancel), P(kSolCancelShipped), PP(kPairCancelShipped)},
    /* AddressUnshipped */ {P(kSubjAddress), P(kOpenAddress), P(kDetailAddress), P(kRestateAddress), P(kSolAddressUnshipped), PP(kPairAddress)},
    /* AddressShipped */ {P(kSubjAddress), P(kOpenAddress), P(kDetailAddress), P(kRestateAddress), P(kSolAddressShipped), PP(kPairAddress)},
    /* Customs */ {P(kSubjCustoms), P(kOpenCustoms), P(kDetailCustoms), P(kRestateCustoms), P(kSolCustoms), PP(kPairCustoms)},
    /* Usage */ {P(kSubjUsage), kEmpty, kEmpty, P(kRestateUsage), kEmpty, PP(kPairUsage)},
    /* Invoice */ {P(kSubjInvoice), P(kOpenInvoice), kEmpty, P(kRestateInvoice), P(kSolInvoice), PP(kPairInvoice)},
    /* Feedback */ {P(kSubjFeedback), P(kOpenFeedback), kEmpty, P(kRestateFeedback), P(kSolFeedback), PP(kPairBroken)},
    /* Other */ {P(kSubjOther), P(kOpenOther), kEmpty, P(kRestateOther), P(kSolOther), PP(kPairGeneric)},
    /* WishAddress */ {P(kSubjWishAddress), P(kOpenWishAddress), kEmpty, P(kRestateWish), P(kSolWishAddress), PP(kPairAddress)},
    /* WishPostOffice */ {P(kSubjWishPostOffice), P(kOpenWishPostOffice), kEmpty, P(kRestateWish), P(kSolWishPostOffice), PP(kPairPostOffice)},
    /* WishSplit */ {P(kSubjWishSplit), P(kOpenWishSplit), kEmpty, P(kRestateWish), P(kSolWishSplit), PP(kPairSplit)},
    /* WishReturned */ {P(kSubjWishReturned), P(kOpenWishReturned), kEmpty, P(kRestateWish), P(kSolWishReturned), PP(kPairAddress)},
    /* WishLost */ {P(kSubjWishLost), P(kOpenWishLost), kEmpty, P(kRestateWish), P(kSolWishLost), PP(kPairResent)},
    /* WishDamaged */ {P(kSubjDamaged), P(kOpenDamaged), P(kDetailDamaged), P(kRestateWish), P(kSolWishDamaged), PP(kPairResent)},
};

// ---- Tmall (Chinese) ---------------------------------------------------------------------------
inline constexpr const char* kZhAck[] = {"在的亲，请稍等，马上帮您查询~", "亲亲您好，{agent}在的哦，请问有什么可以帮您？",
                                         "您好，我是客服{agent}，很高兴为您服务~", "亲，收到，我这边帮您看一下，稍等1分钟哦"};
inline constexpr const char* kZhGreet[] = {"亲，您好！", "亲亲，", "您好亲，", "亲，"};
inline constexpr const char* kZhClose[] = {"还有其他问题随时联系我们哦~", "感谢您的支持，祝您生活愉快~",
                                           "给您带来不便非常抱歉~", "有任何问题都可以找{agent}哦~", ""};
inline constexpr const char* kZhNudge[] = {"人呢？", "在吗？", "怎么还不回复", "？？？有人吗", "客服在吗，急",
                                           "都半天了还没人理我", "麻烦快点处理一下"};
inline constexpr const char* kZhThanks[] = {"收到了，谢谢亲", "好的，麻烦了", "退款收到了，谢谢", "好的好的，辛苦了",
                                            "行，谢谢客服", "ok，给你们好评"};

inline constexpr const char* kZhOpenReturn[] = {"你好，我买的{short}不太合适，想退货，怎么操作？",
                                                "亲，{short}买回来不太合适，可以退换吗",
                                                "收到了但是跟图片差别有点大，我要退货",
                                                "七天无理由可以退吗？还没拆封的"};
inline constexpr const char* kZhOpenLogistics[] = {"我的快递怎么三天了还没动？单号{tracking}",
                                                   "请问什么时候能到啊，下单好几天了",
                                                   "物流一直显示在{city}中转，是不是丢件了", "怎么还没到，着急用",
                                                   "帮我查下物流，{order}这个订单"};
inline constexpr const char* kZhOpenDamaged[] = {"收到的{short}有破损，外包装都压坏了", "东西坏了，能补发吗",
                                                 "刚拆开就发现裂了，怎么处理？"};
inline constexpr const char* kZhOpenNad[] = {"颜色跟图片差很多，色差太大了", "尺码不对，我买的是M发来的是L",
                                             "和描述不符，材质摸起来很一般"};
inline constexpr const char* kZhOpenAddress[] = {"地址填错了，能帮我改一下吗？改成{city}的新地址",
                                                 "还没发货的话麻烦改一下收货地址", "收货人电话写错了，能改吗"};
inline constexpr const char* kZhOpenInvoice[] = {"可以开发票吗？需要公司抬头", "请问能开增值税普通发票吗",
                                                 "发票什么时候能开出来？"};
inline constexpr const char* kZhOpenCancel[] = {"拍错了，麻烦取消订单", "不想要了，还没发货的话帮我取消吧",
                                                "能取消吗？重复下单了"};
inline constexpr const char* kZhOpenPrice[] = {"能便宜点吗？买两件", "老顾客了，给个优惠呗",
                                               "别家比你们便宜10块，能少点吗", "有没有优惠券？"};
inline constexpr const char* kZhOpenOther[] = {"可以加急吗？", "能帮我备注一下送货前打电话吗",
                                               "包装能不能不要写商品名？送人的"};

inline constexpr const char* kZhSolReturn[] = {
    "本店支持七天无理由退换货哦。在“我的订单”里找到这笔订单，点“申请售后”选择退货退款，寄回后记得填写快递单号，我们签收后24小时内为您退款~",
    "可以退的亲，商品不影响二次销售就行。您提交退货申请后，我们会马上同意，寄回地址在申请页面里有显示哦~"};
inline constexpr const char* kZhSolLogistics[] = {
    "帮您查询了，包裹（{carrier} {tracking}）目前在{city}转运中心，预计1-2天内送达，请您耐心等待哦~",
    "非常抱歉让您久等了，已经帮您联系快递加急处理，24小时内给您回复最新进展~",
    "亲，您的包裹已经到{city}了，今天正在派送中，请保持电话畅通哦~"};
inline constexpr const char* kZhSolDamaged[] = {
    "非常抱歉！麻烦您拍一下破损部位和外包装的照片发给我们，确认后马上为您补发或者退款，您看可以吗？",
    "实在抱歉给您带来不好的体验，不用退回，我们今天就给您补发一个新的，运费我们承担~"};
inline constexpr const char* kZhSolNad[] = {
    "不好意思给您带来困扰了。不同屏幕显示会有一点色差，如果您不满意可以申请退货，来回运费由我们承担~",
    "抱歉是我们仓库发错了，马上给您补发正确的尺码，错发的那件麻烦用到付寄回就可以~"};
inline constexpr const char* kZhSolAddressUnshipped[] = {"好的亲，订单还没有发出，已经帮您修改为新地址了，请核对一下哦~",
                                                         "可以的，麻烦把完整的新地址和电话发给我，发货前帮您改好~"};
inline constexpr const char* kZhSolAddressShipped[] = {
    "亲，包裹已经发出了，我们这边联系{carrier}帮您改地址，有结果马上通知您~"};
inline constexpr const char* kZhSolInvoice[] = {"可以的亲，请提供发票抬头和税号，我们会在确认收货后48小时内开具电子发票~",
                                                "电子发票会在您确认收货后开出，在订单详情里就能下载哦~"};
inline constexpr const char* kZhSolCancelUnshipped[] = {"好的亲，订单还未发货，已经为您取消，款项会原路退回~",
                                                        "已经帮您拦截了，您在订单里申请退款，我这边马上同意~"};
inline constexpr const char* kZhSolCancelShipped[] = {
    "亲，订单已经发出了，没办法直接取消哦。您可以拒收，包裹退回后我们马上退款；或者签收后申请七天无理由退货~"};
inline constexpr const char* kZhSolPrice[] = {
    "亲，我们家的价格都是统一的哦，不过可以送您一张5元优惠券，下单时可以使用~",
    "亲，价格已经是活动价了，没办法再少了呢，两件的话可以给您包邮加送小礼品~",
    "老顾客的话我这边可以帮您改价优惠10元，您先拍下不要付款，我来改价~"};
inline constexpr const char* kZhSolOther[] = {"好的，已经帮您备注了，仓库会按备注处理的~",
                                              "没问题，已经给仓库留言了，发货时会注意的~"};

inline constexpr Pair kZhPairLogistics[] = {
    {"好的，那我再等等", "好的亲，有新进展第一时间通知您~"},
    {"能不能帮我催一下", "已经帮您催过快递了，今天会派送的~"},
    {"那要是丢了怎么办？", "亲放心，确认丢件的话我们马上给您补发，新单号{tracking2}~"},
    {"明天还不到我就退款了", "理解您的心情，明天还没到的话您直接申请退款，我这边马上同意~"},
};
inline constexpr Pair kZhPairBroken[] = {
    {"照片已经发给你了", "收到您的照片了，已经为您登记，马上补发~"},
    {"补发吧", "好的，已经为您安排补发，新单号{tracking2}，请注意查收~"},
    {"我要退款", "已经给您申请全额退款了，不用寄回哦~"},
    {"那我退回去吧", "好的亲，已经同意退货申请，来回运费我们承担~"},
};
inline constexpr Pair kZhPairReturn[] = {
    {"好的，已经填写单号了", "收到，仓库签收后24小时内给您退款~"},
    {"寄回的运费谁出？", "运费我们承担，您先垫付，签收后一起退给您~"},
    {"申请提交了，麻烦同意一下", "已经同意您的退货申请了，寄回后填写单号就好~"},
};
inline constexpr Pair kZhPairPresale[] = {
    {"好的，那我拍了", "好的亲，感谢您的支持，今天就给您发出~"},
    {"那我考虑一下", "好的亲，有问题随时来问哦~"},
    {"可以开发票吗？", "可以开的，下单时留言发票抬头就好~"},
    {"那我要两件", "好的亲，两件一起发，给您包邮~"},
};
inline constexpr Pair kZhPairGeneric[] = {
    {"好的，谢谢", "不客气亲，有问题随时找我们哦~"},
    {"那我先等等", "好的亲，有进展马上通知您~"},
    {"那要多久？", "一般1-3天就处理好了，请您耐心等待~"},
    {"好吧", "给您带来不便非常抱歉，已经帮您处理好了~"},
    {"知道了", "好的亲~"},
};

inline constexpr const char* kZhSubjReturn[] = {"退货申请", "退换货咨询"};
inline constexpr const char* kZhSubjLogistics[] = {"物流咨询", "快递一直没更新", "催发货"};
inline constexpr const char* kZhSubjDamaged[] = {"商品破损"};
inline constexpr const char* kZhSubjNad[] = {"色差/尺码问题", "商品与描述不符"};
inline constexpr const char* kZhSubjAddress[] = {"修改收货地址"};
inline constexpr const char* kZhSubjInvoice[] = {"发票问题", "开发票"};
inline constexpr const char* kZhSubjUsage[] = {"使用咨询", "{short}使用问题"};
inline constexpr const char* kZhSubjCancel[] = {"取消订单"};
inline constexpr const char* kZhSubjProduct[] = {"商品咨询", "售前咨询", "{short}咨询"};
inline constexpr const char* kZhSubjPrice[] = {"价格咨询", "优惠咨询"};
inline constexpr const char* kZhSubjOther[] = {"其他问题", "订单备注"};

// Indexed by Scene; only the scenes Tmall uses are filled. Usage/product questions come from
// the item (kZhItems).
inline constexpr SceneText kZhScenes[kSceneCount] = {
    /* ProductQuestion */ {P(kZhSubjProduct), kEmpty, kEmpty, kEmpty, kEmpty, PP(kZhPairPresale)},
    /* Price */ {P(kZhSubjPrice), P(kZhOpenPrice), kEmpty, kEmpty, P(kZhSolPrice), PP(kZhPairPresale)},
    /* Spam */ {},
    /* OrderStatus */ {P(kZhSubjLogistics), P(kZhOpenLogistics), kEmpty, kEmpty, P(kZhSolLogistics), PP(kZhPairLogistics)},
    /* Inr */ {P(kZhSubjLogistics), P(kZhOpenLogistics), kEmpty, kEmpty, P(kZhSolLogistics), PP(kZhPairLogistics)},
    /* InrDelivered */ {},
    /* Nad */ {P(kZhSubjNad), P(kZhOpenNad), kEmpty, kEmpty, P(kZhSolNad), PP(kZhPairBroken)},
    /* Damaged */ {P(kZhSubjDamaged), P(kZhOpenDamaged), kEmpty, kEmpty, P(kZhSolDamaged), PP(kZhPairBroken)},
    /* Return */ {P(kZhSubjReturn), P(kZhOpenReturn), kEmpty, kEmpty, P(kZhSolReturn), PP(kZhPairReturn)},
    /* CancelUnshipped */ {P(kZhSubjCancel), P(kZhOpenCancel), kEmpty, kEmpty, P(kZhSolCancelUnshipped), PP(kZhPairGeneric)},
    /* CancelShipped */ {P(kZhSubjCancel), P(kZhOpenCancel), kEmpty, kEmpty, P(kZhSolCancelShipped), PP(kZhPairReturn)},
    /* AddressUnshipped */ {P(kZhSubjAddress), P(kZhOpenAddress), kEmpty, kEmpty, P(kZhSolAddressUnshipped), PP(kZhPairGeneric)},
    /* AddressShipped */ {P(kZhSubjAddress), P(kZhOpenAddress), kEmpty, kEmpty, P(kZhSolAddressShipped), PP(kZhPairGeneric)},
    /* Customs */ {},
    /* Usage */ {P(kZhSubjUsage), kEmpty, kEmpty, kEmpty, kEmpty, PP(kZhPairGeneric)},
    /* Invoice */ {P(kZhSubjInvoice), P(kZhOpenInvoice), kEmpty, kEmpty, P(kZhSolInvoice), PP(kZhPairGeneric)},
    /* Feedback */ {},
    /* Other */ {P(kZhSubjOther), P(kZhOpenOther), kEmpty, kEmpty, P(kZhSolOther), PP(kZhPairGeneric)},
    {}, {}, {}, {}, {}, {},
};

// ---- agent notes (Chinese, internal) and Tmall remarks -----------------------------------------
inline constexpr const char* kNoteShipping[] = {
    "已联系{carrier}查件，等待回复", "物流三天没更新，已提交查询工单", "货代查不到轨迹，准备补发",
    "客户说问过邻居也没收到，建议直接退款", "已把单号和物流截图发给客户", "补发单号{tracking2}已告知客户"};
inline constexpr const char* kNoteBroken[] = {
    "客户已发照片，确认破损，同意补发", "已登记到破损登记表", "同款本周第3次投诉，已反馈给采购和质检",
    "客户同意部分退款30%，已申请", "照片存档：售后图片/按客户ID命名"};
inline constexpr const char* kNoteReturn[] = {"退货单号已收到，等仓库签收后退款", "客户同意部分退款，不退货",
                                              "退货地址已发给客户，提醒填写单号"};
inline constexpr const char* kNoteAddress[] = {"地址已改，已通知仓库", "等客户回复完整地址后再发货",
                                               "已跟仓库确认还没出库，新地址已更新"};
inline constexpr const char* kNoteAddressShipped[] = {"包裹已发出，无法改址，已联系物流拦截", "已联系{carrier}改派，等待结果",
                                                      "客户同意包裹退回后重发"};
inline constexpr const char* kNoteGeneral[] = {
    "电话沟通过：客户同意等到周五，仍未收到则全额退款", "客户情绪比较激动，回复时注意语气",
    "老客户，优先处理", "退款金额超过权限，已转主管审批", "夜班交接：等客户回复后再跟进",
    "客户要求线下联系，已婉拒，只在站内沟通", "关税问题，已同意补偿一半"};

inline constexpr const char* kRemarkUnshipped[] = {"未发货：缺货，预计3天后补货发出", "未发货：客户要求延迟到下周发货",
                                                   "未发货：等客户确认新地址"};
inline constexpr const char* kRemarkShipped[] = {"已发货：客户要求改地址，已联系快递拦截",
                                                 "已发货：破损补发，新单号{tracking2}", "已发货：物流异常，已催件"};
inline constexpr const char* kRemarkCourier[] = {"特殊快递：客户补了邮费，改发顺丰", "加急：客户急用，发顺丰次日达",
                                                 "特殊快递：偏远地区，改发邮政"};
inline constexpr const char* kRemarkRefund[] = {"可退款：破损已确认，同意全额退款", "可退款：七天无理由，已同意退货申请",
                                                "可退款：等买家寄回，签收后退款"};
inline constexpr const char* kRemarkAfterSale[] = {"售后：客户申请换M码，等寄回", "改价：老客户优惠10元",
                                                   "售后：色差，同意退货，运费我们承担"};

}  // namespace demo_text
}  // namespace sd
